package dev.connectplane.access;

import static dev.connectplane.access.AccessTestSupport.count;
import static dev.connectplane.access.AccessTestSupport.registerGroup;
import static dev.connectplane.access.AccessTestSupport.serverCreated;
import static dev.connectplane.access.AccessTestSupport.unique;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import dev.connectplane.foundation.ids.IdGenerator;
import dev.connectplane.testing.ConnectInfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A grant naming a server whose ServerCreated is late: while the server-events consumer is
 * retrying a record (a deadlock injected with a trigger), the grant answers 503 with
 * {@code Retry-After} instead of a 404; once the record goes through, the same grant succeeds.
 * A server that does not exist while the consumer is caught up stays a 404.
 */
@QuarkusTest
@QuarkusTestResource(ConnectInfraResource.class)
class LateEventsTest {

    @Inject
    Pool pool;

    @AfterEach
    void removeFault() {
        execute("drop trigger if exists inject_fault on access_service.known_server");
        execute("drop function if exists access_service.inject_fault()");
    }

    @Test
    void aGrantForAServerWhoseCreationIsLateIs503AndSucceedsOnceItArrives() {
        String group = unique("Late");
        registerGroup(group);
        String serverId = IdGenerator.newId();
        execute("create or replace function access_service.inject_fault() returns trigger language plpgsql as $$ begin "
                + "raise exception 'injected deadlock' using errcode = '40P01'; end $$");
        execute("create trigger inject_fault before insert on access_service.known_server for each row "
                + "execute function access_service.inject_fault()");

        serverCreated(serverId, unique("Late server"));

        given().put("/v1/groups/{g}/grants/servers/{s}", group, serverId).then().statusCode(503)
                .header("Retry-After", notNullValue())
                .body("status", equalTo(503));
        removeFault();
        await().atMost(Duration.ofSeconds(30)).until(() ->
                count(pool, "select count(*) from access_service.known_server where id = $1", serverId) == 1);
        given().put("/v1/groups/{g}/grants/servers/{s}", group, serverId).then().statusCode(201);
    }

    @Test
    void aServerThatDoesNotExistIsStill404() {
        String group = unique("Nowhere");
        registerGroup(group);
        given().put("/v1/groups/{g}/grants/servers/{s}", group, IdGenerator.newId()).then().statusCode(404);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
    }

    private void execute(String sql) {
        pool.query(sql).execute().await().atMost(Duration.ofSeconds(10));
    }
}

package dev.connectplane.audit;

import static dev.connectplane.audit.AuditTestSupport.awaitChained;
import static dev.connectplane.audit.AuditTestSupport.id;
import static dev.connectplane.audit.AuditTestSupport.publish;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.connectplane.audit.service.ChainWatch;
import dev.connectplane.contracts.envelope.EventEnvelope;
import dev.connectplane.contracts.envelope.EventPayload;
import dev.connectplane.contracts.server.ServerRenamed;
import dev.connectplane.testing.ConnectInfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The hash chain and its verification: a row edited, deleted or inserted directly in
 * PostgreSQL is found, at the right position, by a verification on request and by the background
 * one ({@link ChainWatch}, its gauge); each tampering is undone before the next.
 */
@QuarkusTest
@QuarkusTestResource(ConnectInfraResource.class)
class ChainTest {

    @Inject
    Pool pool;

    @Inject
    ChainWatch watch;

    @Test
    void verifyFindsAnEditADeletionAndAnInsertion() {
        String serverId = id();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            EventEnvelope<EventPayload> event = publish(new ServerRenamed(serverId, "name-" + i, "name-" + (i + 1)));
            ids.add(event.id());
        }
        awaitChained(pool, ids.toArray(String[]::new));
        long first = seqOf(ids.get(0));
        long last = seqOf(ids.get(5));
        verify(first, last).body("valid", equalTo(true)).body("checked", equalTo((int) (last - first + 1)));
        verifyAll().body("valid", equalTo(true));

        long edited = seqOf(ids.get(2));
        sql("update audit_service.audit_record set actor_id = 'mallory' where id = (select record_id from "
                + "audit_service.audit_chain where seq = $1)", edited);
        verify(first, last).body("valid", equalTo(false)).body("first_broken.seq", equalTo((int) edited))
                .body("first_broken.reason", containsString("content does not match"));
        verifyAll().body("valid", equalTo(false)).body("first_broken.seq", equalTo((int) edited));
        watch.verifyNow();
        assertThat(metric("connect_audit_chain_valid ")).isEqualTo("0.0");
        sql("update audit_service.audit_record set actor_id = 'alice' where id = (select record_id from "
                + "audit_service.audit_chain where seq = $1)", edited);
        verify(first, last).body("valid", equalTo(true));
        watch.verifyNow();
        assertThat(metric("connect_audit_chain_valid ")).isEqualTo("1.0");

        long deleted = seqOf(ids.get(3));
        runInOneConnection("create table if not exists public.chain_test_record as select * from audit_service.audit_record "
                        + "with no data",
                "create table if not exists public.chain_test_link as select * from audit_service.audit_chain with no data",
                "insert into public.chain_test_link select * from audit_service.audit_chain where seq = " + deleted,
                "insert into public.chain_test_record select r.* from audit_service.audit_record r "
                        + "join public.chain_test_link l on l.record_id = r.id where l.seq = " + deleted,
                "delete from audit_service.audit_chain where seq = " + deleted,
                "delete from audit_service.audit_record where id = (select record_id from public.chain_test_link where seq = "
                        + deleted + ")");
        verify(first, last).body("valid", equalTo(false)).body("first_broken.seq", equalTo((int) deleted + 1))
                .body("first_broken.reason", containsString("missing"));
        runInOneConnection("insert into audit_service.audit_record select * from public.chain_test_record where event_id = '"
                        + ids.get(3) + "'",
                "insert into audit_service.audit_chain select * from public.chain_test_link where seq = " + deleted);
        verify(first, last).body("valid", equalTo(true));

        long inserted = seqOf(ids.get(4));
        runInOneConnection(
                "update audit_service.audit_chain set seq = -seq where seq >= " + inserted,
                "update audit_service.audit_chain set seq = -seq + 1 where seq < 0",
                "insert into audit_service.audit_record (id, event_id, event_type, known_type, event_time, ingest_time, action, "
                        + "outcome, source_topic, source_partition, source_offset) "
                        + "select -id, 'forged-" + inserted + "', event_type, known_type, event_time, ingest_time, "
                        + "'server.delete', outcome, source_topic, source_partition, source_offset "
                        + "from audit_service.audit_record where id = (select record_id from audit_service.audit_chain where seq = "
                        + (inserted + 1) + ")",
                "insert into audit_service.audit_chain (seq, record_id, prev_hash, hash) select " + inserted + ", -record_id, "
                        + "prev_hash, hash from audit_service.audit_chain where seq = " + (inserted + 1));
        verify(first, last + 1).body("valid", equalTo(false)).body("first_broken.seq", equalTo((int) inserted))
                .body("first_broken.event_id", equalTo("forged-" + inserted));
        runInOneConnection("delete from audit_service.audit_chain where seq = " + inserted,
                "delete from audit_service.audit_record where event_id = 'forged-" + inserted + "'",
                "update audit_service.audit_chain set seq = -seq where seq > " + inserted,
                "update audit_service.audit_chain set seq = -seq - 1 where seq < 0");
        verify(first, last).body("valid", equalTo(true));
        verifyAll().body("valid", equalTo(true));
    }

    @Test
    void verifyRefusesABadRange() {
        given().queryParam("from_seq", 0).get("/v1/audit/verify").then().statusCode(400);
        given().queryParam("from_seq", 5).queryParam("to_seq", 2).get("/v1/audit/verify").then().statusCode(400);
        given().queryParam("from_seq", "x").get("/v1/audit/verify").then().statusCode(400)
                .body("type", containsString("invalid-range"));
    }

    private long seqOf(String eventId) {
        return pool.preparedQuery("select c.seq from audit_service.audit_chain c join audit_service.audit_record r "
                        + "on r.id = c.record_id where r.event_id = $1")
                .execute(Tuple.of(eventId)).await().atMost(Duration.ofSeconds(10)).iterator().next().getLong(0);
    }

    private void sql(String sql, Object... params) {
        pool.preparedQuery(sql).execute(Tuple.from(params)).await().atMost(Duration.ofSeconds(10));
    }

    private void runInOneConnection(String... statements) {
        pool.withTransaction(connection -> {
            io.smallrye.mutiny.Uni<?> chain = io.smallrye.mutiny.Uni.createFrom().voidItem();
            for (String statement : statements) {
                chain = chain.chain(() -> connection.query(statement).execute());
            }
            return chain;
        }).await().atMost(Duration.ofSeconds(10));
    }

    private static ValidatableResponse verify(long from, long to) {
        return given().queryParam("from_seq", from).queryParam("to_seq", to).get("/v1/audit/verify").then().statusCode(200);
    }

    /** The value of the metric line that starts with {@code prefix} on {@code /q/metrics}. */
    private static String metric(String prefix) {
        return given().get("/q/metrics").then().statusCode(200).extract().asString().lines()
                .filter(line -> line.startsWith(prefix))
                .map(line -> line.substring(prefix.length()).trim())
                .findFirst().orElseThrow(() -> new AssertionError("no metric " + prefix));
    }

    private static ValidatableResponse verifyAll() {
        return given().get("/v1/audit/verify").then().statusCode(200);
    }
}

package dev.connectplane.audit;

import static dev.connectplane.audit.AuditTestSupport.awaitChained;
import static dev.connectplane.audit.AuditTestSupport.id;
import static dev.connectplane.audit.AuditTestSupport.publish;
import static dev.connectplane.audit.AuditTestSupport.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import dev.connectplane.contracts.access.GrantScope;
import dev.connectplane.contracts.access.GroupGranted;
import dev.connectplane.contracts.access.VaultGranted;
import dev.connectplane.contracts.access.VaultRevocationReason;
import dev.connectplane.contracts.access.VaultRevoked;
import dev.connectplane.contracts.common.Permission;
import dev.connectplane.contracts.common.VaultScope;
import dev.connectplane.contracts.envelope.Actor;
import dev.connectplane.contracts.envelope.EventEnvelope;
import dev.connectplane.contracts.envelope.EventPayload;
import dev.connectplane.contracts.server.ServerDeleted;
import dev.connectplane.contracts.server.ServerRenamed;
import dev.connectplane.contracts.token.TokenIssued;
import dev.connectplane.foundation.outbox.OutboxWriter;
import dev.connectplane.testing.ConnectInfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each query filter, time ranges, and cursors that stay stable while records arrive. */
@QuarkusTest
@QuarkusTestResource(ConnectInfraResource.class)
class QueryTest {

    @Inject
    Pool pool;

    @Test
    void eachFilterSelectsItsRecords() {
        String serverId = id();
        String vaultId = id();
        String groupId = id();
        String tokenId = id();
        String actor = unique("dave").replace(' ', '-');
        Actor dave = Actor.user(actor, List.of("DevOps"));
        EventEnvelope<EventPayload> granted = publish(new VaultGranted(serverId, vaultId, unique("Vault")), dave);
        EventEnvelope<EventPayload> group = publish(new GroupGranted(groupId, unique("Group"), GrantScope.SERVER, serverId), dave);
        EventEnvelope<EventPayload> token = publish(new TokenIssued(tokenId, serverId, "t", List.of(new VaultScope(vaultId,
                "Vault", List.of(Permission.READ))), OutboxWriter.now(), null, "kid"), dave);
        EventEnvelope<EventPayload> revoked = publish(new VaultRevoked(serverId, vaultId, "Vault", VaultRevocationReason.REVOKED), dave);
        awaitChained(pool, granted.id(), group.id(), token.id(), revoked.id());

        given().queryParam("server", serverId).get("/v1/audit/records").then().body("records", hasSize(4));
        given().queryParam("vault", vaultId).get("/v1/audit/records").then().body("records", hasSize(3))
                .body("records.action", containsInAnyOrder("vault.grant", "token.create", "vault.revoke"));
        given().queryParam("group", groupId).get("/v1/audit/records").then().body("records", hasSize(1))
                .body("records[0].event_id", equalTo(group.id()));
        given().queryParam("token", tokenId).get("/v1/audit/records").then().body("records", hasSize(1))
                .body("records[0].event_id", equalTo(token.id()));
        given().queryParam("actor", actor).get("/v1/audit/records").then().body("records", hasSize(4));
        given().queryParam("actor", actor).queryParam("action", "vault.revoke").get("/v1/audit/records").then()
                .body("records", hasSize(1)).body("records[0].event_id", equalTo(revoked.id()));
        given().queryParam("actor", actor).queryParam("outcome", "success").get("/v1/audit/records").then()
                .body("records", hasSize(4));
        given().queryParam("actor", actor).queryParam("outcome", "failure").get("/v1/audit/records").then()
                .body("records", hasSize(0));
        given().queryParam("server", serverId).queryParam("from", token.time().toString())
                .queryParam("to", token.time().plusNanos(1_000_000).toString()).get("/v1/audit/records").then()
                .body("records.event_id", hasItem(token.id())).body("records.event_time", everyItem(org.hamcrest.Matchers.notNullValue()));
        given().queryParam("server", serverId).queryParam("from", OffsetDateTime.now().plusDays(1).toString())
                .get("/v1/audit/records").then().body("records", hasSize(0));
    }

    @Test
    void cursorsPageOldestAndNewestFirstAndStayStableWhileRecordsArrive() {
        String serverId = id();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(publish(new ServerRenamed(serverId, "n" + i, "n" + (i + 1))).id());
        }
        awaitChained(pool, ids.toArray(String[]::new));

        var first = given().queryParam("server", serverId).queryParam("limit", 2).get("/v1/audit/records").then()
                .body("records.event_id", equalTo(ids.subList(0, 2))).extract();
        String cursor = first.path("next_cursor");
        String arriving = publish(new ServerRenamed(serverId, "n5", "n6")).id();
        awaitChained(pool, arriving);
        var second = given().queryParam("server", serverId).queryParam("limit", 2).queryParam("cursor", cursor)
                .get("/v1/audit/records").then().body("records.event_id", equalTo(ids.subList(2, 4))).extract();
        given().queryParam("server", serverId).queryParam("limit", 2).queryParam("cursor", second.<String>path("next_cursor"))
                .get("/v1/audit/records").then().body("records.event_id", equalTo(List.of(ids.get(4), arriving)));

        String deleted = publish(new ServerDeleted(serverId, "n6", OutboxWriter.now())).id();
        awaitChained(pool, deleted);
        var newest = given().queryParam("server", serverId).queryParam("order", "newest").queryParam("limit", 3)
                .get("/v1/audit/records").then().body("records.event_id", equalTo(List.of(deleted, arriving, ids.get(4))))
                .extract();
        given().queryParam("server", serverId).queryParam("order", "newest").queryParam("limit", 3)
                .queryParam("cursor", newest.<String>path("next_cursor")).get("/v1/audit/records").then()
                .body("records.event_id", equalTo(List.of(ids.get(3), ids.get(2), ids.get(1))));
        given().queryParam("server", serverId).queryParam("limit", 10).get("/v1/audit/records").then()
                .body("records", hasSize(7)).body("next_cursor", nullValue());
        assertThat(cursor).isNotBlank();
    }

    @Test
    void badQueriesAreClearProblems() {
        given().queryParam("limit", 0).get("/v1/audit/records").then().statusCode(400).body("type", containsString("invalid-limit"));
        given().queryParam("limit", "many").get("/v1/audit/records").then().statusCode(400);
        given().queryParam("order", "sideways").get("/v1/audit/records").then().statusCode(400);
        given().queryParam("cursor", "garbage!").get("/v1/audit/records").then().statusCode(400)
                .body("type", containsString("invalid-cursor"));
        String newestCursor = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString("v1:newest:5".getBytes());
        given().queryParam("cursor", newestCursor).get("/v1/audit/records").then().statusCode(400)
                .body("detail", containsString("newest"));
        given().queryParam("from", "yesterday").get("/v1/audit/records").then().statusCode(400)
                .body("type", containsString("invalid-time"));
        given().queryParam("from", "2026-11-28T10:00:00Z").queryParam("to", "2026-11-28T09:00:00Z")
                .get("/v1/audit/records").then().statusCode(400);
        given().queryParam("outcome", "meh").get("/v1/audit/records").then().statusCode(400);
    }
}

package dev.connectplane.audit;

import static dev.connectplane.audit.AuditTestSupport.ALICE;
import static dev.connectplane.audit.AuditTestSupport.awaitChained;
import static dev.connectplane.audit.AuditTestSupport.count;
import static dev.connectplane.audit.AuditTestSupport.id;
import static dev.connectplane.audit.AuditTestSupport.publish;
import static dev.connectplane.audit.AuditTestSupport.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.connectplane.contracts.Topics;
import dev.connectplane.contracts.access.GrantScope;
import dev.connectplane.contracts.access.GroupGranted;
import dev.connectplane.contracts.access.VaultGranted;
import dev.connectplane.contracts.access.VaultRegistered;
import dev.connectplane.contracts.access.VaultType;
import dev.connectplane.contracts.common.Permission;
import dev.connectplane.contracts.common.VaultRef;
import dev.connectplane.contracts.common.VaultScope;
import dev.connectplane.contracts.envelope.Actor;
import dev.connectplane.contracts.envelope.EventEnvelope;
import dev.connectplane.contracts.envelope.EventPayload;
import dev.connectplane.contracts.server.ServerCreated;
import dev.connectplane.contracts.token.SigningKeyRetired;
import dev.connectplane.contracts.token.SigningKeyRotated;
import dev.connectplane.contracts.token.TokenIssued;
import dev.connectplane.contracts.token.TokenRevocationReason;
import dev.connectplane.contracts.token.TokenRevoked;
import dev.connectplane.foundation.outbox.OutboxWriter;
import dev.connectplane.testing.ConnectInfraResource;
import dev.connectplane.testing.TopicProbe;
import dev.connectplane.testing.siem.OcsfSchema;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Every consumed message becomes one audit record, through the real broker and database. */
@QuarkusTest
@QuarkusTestResource(ConnectInfraResource.class)
class ProjectionTest {

    @Inject
    Pool pool;

    @Test
    void eventsBecomeRecordsWithActorTargetsNamesAndSource() {
        String serverId = id();
        String serverName = unique("Prod k8s");
        VaultRef vault = new VaultRef(id(), unique("Kubernetes"));
        String tokenId = id();
        EventEnvelope<EventPayload> registered = publish(new VaultRegistered(vault.vaultId(), vault.vaultName(), VaultType.USER_CREATED));
        EventEnvelope<EventPayload> created = publish(new ServerCreated(serverId, serverName, "alice", OutboxWriter.now(),
                List.of(vault), "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"));
        awaitChained(pool, registered.id(), created.id());
        EventEnvelope<EventPayload> granted = publish(new VaultGranted(serverId, vault.vaultId(), vault.vaultName()));
        awaitChained(pool, granted.id());
        EventEnvelope<EventPayload> issued = publish(new TokenIssued(tokenId, serverId, "deploy",
                List.of(new VaultScope(vault.vaultId(), vault.vaultName(), List.of(Permission.READ))), OutboxWriter.now(), null,
                "kid-1"), Actor.user("bob", List.of("Owners")));
        awaitChained(pool, issued.id());
        EventEnvelope<EventPayload> revoked = publish(new TokenRevoked(tokenId, serverId, TokenRevocationReason.DELETED,
                OutboxWriter.now()));
        awaitChained(pool, revoked.id());

        given().queryParam("server", serverId).get("/v1/audit/records").then().statusCode(200)
                .body("records", hasSize(4))
                .body("records.action", equalTo(List.of("server.create", "vault.grant", "token.create", "token.revoke")))
                .body("records[0].targets.server.name", equalTo(serverName))
                .body("records[0].targets.vaults[0].name", equalTo(vault.vaultName()))
                .body("records[0].actor.id", equalTo("alice"))
                .body("records[0].actor.groups", equalTo(List.of("DevOps", "Platform")))
                .body("records[0].causation_id", equalTo(created.causationid()))
                .body("records[0].event_id", equalTo(created.id()))
                .body("records[0].source.topic", equalTo(Topics.SERVER_EVENTS))
                .body("records[0].outcome", equalTo("success"))
                .body("records[0].details", not(org.hamcrest.Matchers.hasKey("credential_verifier")))
                .body("records[2].actor.id", equalTo("bob"))
                .body("records[2].targets.token.name", equalTo("deploy"))
                .body("records[2].targets.server.name", equalTo(serverName))
                .body("records[3].targets.token.name", equalTo("deploy"))
                .body("records[3].targets.vaults", equalTo(null))
                .body("records[3].details.reason", equalTo("deleted"));
        given().queryParam("server", serverId).get("/v1/audit/records").then()
                .body("records[0].event_time", not(equalTo(null))).body("records[0].ingest_time", not(equalTo(null)));
    }

    @Test
    void aRedeliveredEventIsRecordedOnce() {
        String groupId = id();
        EventEnvelope<EventPayload> event = publish(new GroupGranted(groupId, unique("Ops"), GrantScope.ALL_SERVERS, null));
        AuditTestSupport.publish(Topics.ACCESS_EVENTS, event);
        AuditTestSupport.publish(Topics.ACCESS_EVENTS, event);
        awaitChained(pool, event.id());
        try (TopicProbe siem = TopicProbe.onTopic(Topics.AUDIT_SIEM)) {
            siem.awaitRecords(r -> r.value().contains(event.id()), 1, Duration.ofSeconds(20));
            assertThat(siem.recordsAfter(r -> r.value().contains(event.id()), Duration.ofSeconds(1))).hasSize(1);
        }
        assertThat(count(pool, "select count(*) from audit_service.audit_record where event_id = $1", event.id())).isEqualTo(1);
        given().queryParam("group", groupId).get("/v1/audit/records").then().body("records", hasSize(1))
                .body("records[0].action", equalTo("group.grant"));
    }

    @Test
    void anUnknownTypeIsRecordedRawWithoutItsSecrets() {
        String serverId = id();
        String jwt = "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4eHh4eHh4eHh4In0.c2lnbmF0dXJlc2lnbmF0dXJlc2lnbmF0dXJl";
        String message = "{\"specversion\":\"1.0\",\"id\":\"future-1-" + serverId + "\",\"type\":\"connect.server.paused.v9\","
                + "\"source\":\"/connect/server-service\",\"time\":\"2026-11-28T05:00:00.000Z\",\"actorid\":\"carol\","
                + "\"data\":{\"server_id\":\"" + serverId + "\",\"secret\":\"hunter2\",\"note\":\"" + jwt + "\","
                + "\"nested\":{\"password\":\"p4ss\",\"kept\":\"yes\"}}}";
        TopicProbe.send(Topics.SERVER_EVENTS, serverId, message, Map.of());
        awaitChained(pool, "future-1-" + serverId);

        String body = given().queryParam("server", serverId).get("/v1/audit/records").then().statusCode(200)
                .body("records", hasSize(1))
                .body("records[0].action", equalTo("unknown"))
                .body("records[0].outcome", equalTo("unknown"))
                .body("records[0].event_type", equalTo("connect.server.paused.v9"))
                .body("records[0].actor.id", equalTo("carol"))
                .body("records[0].details.raw.data.nested.kept", equalTo("yes"))
                .extract().asString();
        assertThat(body).doesNotContain("hunter2", "p4ss", jwt);
    }

    @Test
    void somethingThatIsNotJsonGoesToTheDeadLetterTopicAndTheNextIsRecorded() {
        String key = id();
        TopicProbe.send(Topics.TOKEN_EVENTS, key, "this is not an event", Map.of());
        EventEnvelope<EventPayload> next = publish(new TokenRevoked(id(), key, TokenRevocationReason.DELETED, OutboxWriter.now()));
        try (TopicProbe deadLetters = TopicProbe.onTopic(Topics.deadLetter("audit-service"))) {
            ConsumerRecord<String, String> dead = deadLetters.awaitRecords(r -> key.equals(r.key()), 1, Duration.ofSeconds(20)).get(0);
            assertThat(dead.value()).isEqualTo("this is not an event");
        }
        awaitChained(pool, next.id());
    }

    @Test
    void aMessageWithTextTheDatabaseCannotStoreGoesToTheDeadLetterTopicAndTheRestIsRecorded() {
        String serverId = id();
        String refused = "{\"specversion\":\"1.0\",\"id\":\"nul-" + serverId + "\",\"type\":\"connect.server.renamed.v1\","
                + "\"source\":\"/connect/server-service\",\"time\":\"2026-11-28T05:00:00.000Z\",\"data\":{\"server_id\":\""
                + serverId + "\",\"old_name\":\"a\\u0000b\",\"new_name\":\"c\"}}";
        TopicProbe.send(Topics.SERVER_EVENTS, serverId, refused, Map.of());
        EventEnvelope<EventPayload> next = publish(new ServerCreated(serverId, unique("After NUL"), "alice", OutboxWriter.now(),
                List.of()));
        try (TopicProbe deadLetters = TopicProbe.onTopic(Topics.deadLetter("audit-service"))) {
            ConsumerRecord<String, String> dead = deadLetters.awaitRecords(r -> serverId.equals(r.key()), 1,
                    Duration.ofSeconds(20)).get(0);
            assertThat(dead.value()).isEqualTo(refused);
            // refused as it is read (the storable-text rule), before any statement could fail on it
            assertThat(new String(dead.headers().lastHeader("dead-letter-reason").value())).contains("NUL character");
        }
        awaitChained(pool, next.id());
        assertThat(count(pool, "select count(*) from audit_service.audit_record where event_id = $1", "nul-" + serverId)).isZero();
    }

    /** Key changes are changes: a retire is in the history with its manager and how many tokens it ended. */
    @Test
    void signingKeyChangesAreRecordedWithTheirActor() {
        String kid = id();
        Actor manager = Actor.user("kim-" + kid, List.of("Owners"));
        publish(new SigningKeyRotated(kid, null, OutboxWriter.now()), manager);
        EventEnvelope<EventPayload> retired = publish(new SigningKeyRetired(kid, 7, OutboxWriter.now()), manager);
        awaitChained(pool, retired.id());

        given().queryParam("actor", manager.id()).get("/v1/audit/records").then().statusCode(200)
                .body("records.action", contains("signing_key.rotate", "signing_key.retire"))
                .body("records[1].details.tokens_inactive", equalTo(7));
    }

    /** An event on a topic from a source other than its owner is not history: dead-lettered, never recorded. */
    @Test
    void anEventFromAnotherSourceThanTheTopicsOwnerIsNotRecorded() {
        String serverId = id();
        String forged = "{\"specversion\":\"1.0\",\"id\":\"forged-" + serverId + "\",\"type\":\"connect.server.deleted.v1\","
                + "\"source\":\"/connect/token-service\",\"time\":\"2026-11-28T05:00:00.000Z\",\"data\":{\"server_id\":\""
                + serverId + "\",\"name\":\"x\",\"deleted_at\":\"2026-11-28T05:00:00.000Z\"}}";
        TopicProbe.send(Topics.SERVER_EVENTS, serverId, forged, Map.of());
        EventEnvelope<EventPayload> next = publish(new ServerCreated(serverId, unique("After forgery"), "alice",
                OutboxWriter.now(), List.of()));
        try (TopicProbe deadLetters = TopicProbe.onTopic(Topics.deadLetter("audit-service"))) {
            ConsumerRecord<String, String> dead = deadLetters.awaitRecords(r -> r.value().contains("forged-" + serverId), 1,
                    Duration.ofSeconds(20)).get(0);
            assertThat(new String(dead.headers().lastHeader("dead-letter-reason").value()))
                    .contains("is not /connect/server-service");
        }
        awaitChained(pool, next.id());
        assertThat(count(pool, "select count(*) from audit_service.audit_record where event_id = $1", "forged-" + serverId))
                .isZero();
    }

    @Test
    void theOcsfFormIsPublishedForSiemConnectors() throws Exception {
        String serverId = id();
        EventEnvelope<EventPayload> created = publish(new ServerCreated(serverId, unique("Siem"), "alice", OutboxWriter.now(),
                List.of()));
        try (TopicProbe siem = TopicProbe.onTopic(Topics.AUDIT_SIEM)) {
            ConsumerRecord<String, String> record = siem.awaitRecords(r -> r.value().contains(created.id()), 1,
                    Duration.ofSeconds(20)).get(0);
            assertThat(record.key()).isEqualTo(serverId);
            assertThat(new String(record.headers().lastHeader("content-type").value())).startsWith("application/json");
            assertThat(record.value()).contains("\"class_uid\":3004", "\"type_uid\":300401", "\"uid\":\"" + created.id() + "\"");
            assertThat(OcsfSchema.version("1.1.0").validate(new ObjectMapper().readTree(record.value()))).isEmpty();
        }
        given().queryParam("actor", ALICE.id()).queryParam("action", "server.create").queryParam("server", serverId)
                .get("/v1/audit/records").then().body("records", hasSize(1))
                .body("records[0].hash", org.hamcrest.Matchers.matchesPattern("[0-9a-f]{64}"));
    }
}

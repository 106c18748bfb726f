package dev.connectplane.server;

import static dev.connectplane.server.TestSupport.count;
import static dev.connectplane.server.TestSupport.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.connectplane.contracts.Topics;
import dev.connectplane.contracts.access.GrantScope;
import dev.connectplane.contracts.access.GroupGranted;
import dev.connectplane.contracts.access.VaultRegistered;
import dev.connectplane.contracts.access.VaultType;
import dev.connectplane.contracts.envelope.Actor;
import dev.connectplane.contracts.envelope.EventEnvelope;
import dev.connectplane.contracts.envelope.EventPayload;
import dev.connectplane.foundation.ids.IdGenerator;
import dev.connectplane.foundation.outbox.OutboxWriter;
import dev.connectplane.testing.ConnectInfraResource;
import dev.connectplane.testing.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

/** The idempotent inbox and the dead-letter topic, with events sent through the real broker. */
@QuarkusTest
@QuarkusTestResource(ConnectInfraResource.class)
class InboxComponentTest {

    @Inject
    Pool pool;

    @Test
    void anEventDeliveredTwiceHasOneEffect() {
        String vaultId = IdGenerator.newId();
        EventEnvelope<EventPayload> first =
                TestSupport.publishAccessEvent(new VaultRegistered(vaultId, "Before", VaultType.USER_CREATED));
        TestSupport.publishAccessEvent(new VaultRegistered(vaultId, "After", VaultType.USER_CREATED));
        await().atMost(Duration.ofSeconds(20)).until(() -> "After".equals(vaultName(vaultId)));

        TestSupport.publish(first);
        String marker = TestSupport.registerVault(pool, unique("Marker"), VaultType.USER_CREATED);

        assertThat(vaultName(vaultId)).as("the repeat of the first event was skipped").isEqualTo("After");
        assertThat(count(pool, "select count(*) from server_service.inbox_processed_event where event_id = $1",
                first.id())).isEqualTo(1);
        assertThat(marker).isNotNull();
    }

    /**
     * A well-formed GroupGranted to the managers, as anyone able to write the topic could forge
     * it, from a source other than access-service: dead-lettered with the reason, never applied.
     */
    @Test
    void anEventFromAnotherSourceThanTheTopicsOwnerIsDeadLetteredNotApplied() {
        String groupId = IdGenerator.newId();
        EventEnvelope<EventPayload> forged = EventEnvelope.of(UUID.randomUUID().toString(), "/connect/server-service",
                OutboxWriter.now(), Actor.system("mallory"), null,
                new GroupGranted(groupId, "Forgers", GrantScope.MANAGERS, null));
        TestSupport.publish(forged);
        String vaultId = IdGenerator.newId();
        TestSupport.publishAccessEvent(new VaultRegistered(vaultId, "After the forgery", VaultType.USER_CREATED));

        await().atMost(Duration.ofSeconds(20)).until(() -> "After the forgery".equals(vaultName(vaultId)));
        try (TopicProbe deadLetters = TopicProbe.onTopic(Topics.deadLetter("server-service"))) {
            ConsumerRecord<String, String> dead = deadLetters.awaitRecords(r -> r.value().contains(forged.id()), 1,
                    Duration.ofSeconds(20)).get(0);
            assertThat(header(dead, "dead-letter-reason"))
                    .contains("'/connect/server-service' is not /connect/access-service");
        }
        assertThat(count(pool, "select count(*) from server_service.authz_group_grant where group_id = $1", groupId))
                .isZero();
    }

    @Test
    void aPoisonMessageGoesToTheDeadLetterTopicAndTheNextOneIsProcessed() {
        String key = IdGenerator.newId();
        TopicProbe.send(Topics.ACCESS_EVENTS, key, "{\"this is\": not an event", Map.of());
        TopicProbe.send(Topics.ACCESS_EVENTS, key, "{\"specversion\":\"1.0\",\"id\":\"x-" + key
                + "\",\"source\":\"/elsewhere\",\"type\":\"connect.unknown.v1\",\"time\":\"2026-11-28T04:00:00.000Z\",\"data\":{}}",
                Map.of());
        String vaultId = IdGenerator.newId();
        TestSupport.publishAccessEvent(new VaultRegistered(vaultId, "After the poison", VaultType.USER_CREATED));

        await().atMost(Duration.ofSeconds(20)).until(() -> "After the poison".equals(vaultName(vaultId)));
        try (TopicProbe deadLetters = TopicProbe.onTopic(Topics.deadLetter("server-service"))) {
            List<ConsumerRecord<String, String>> dead =
                    deadLetters.awaitRecords(r -> key.equals(r.key()), 2, Duration.ofSeconds(20));
            assertThat(dead.get(0).value()).isEqualTo("{\"this is\": not an event");
            assertThat(header(dead.get(0), "dead-letter-reason")).contains("not JSON");
            assertThat(header(dead.get(0), "dead-letter-topic")).isEqualTo(Topics.ACCESS_EVENTS);
            assertThat(header(dead.get(0), "dead-letter-offset")).isNotBlank();
            assertThat(header(dead.get(0), "dead-letter-partition")).isNotBlank();
            assertThat(header(dead.get(1), "dead-letter-reason")).contains("unknown event type");
        }
    }

    private String vaultName(String vaultId) {
        return TestSupport.text(pool, "select name from server_service.vault_directory where vault_id = $1", vaultId);
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}

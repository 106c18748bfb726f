package dev.connectplane.server;

import static org.awaitility.Awaitility.await;

import dev.connectplane.contracts.Topics;
import dev.connectplane.contracts.access.VaultGranted;
import dev.connectplane.contracts.access.VaultRegistered;
import dev.connectplane.contracts.access.VaultRevocationReason;
import dev.connectplane.contracts.access.VaultRevoked;
import dev.connectplane.contracts.access.VaultType;
import dev.connectplane.contracts.envelope.Actor;
import dev.connectplane.contracts.envelope.EventCodec;
import dev.connectplane.contracts.envelope.EventEnvelope;
import dev.connectplane.contracts.envelope.EventPayload;
import dev.connectplane.foundation.ids.IdGenerator;
import dev.connectplane.foundation.outbox.OutboxWriter;
import dev.connectplane.testing.TopicProbe;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/** What the component tests share: publishing access events as access-service would, and reading the schema. */
public final class TestSupport {

    private TestSupport() {
    }

    /** A name no other test uses. */
    public static String unique(String prefix) {
        return prefix + " " + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Publishes an access event the way access-service's relay would (structured CloudEvent, keyed). */
    public static EventEnvelope<EventPayload> publishAccessEvent(EventPayload payload) {
        EventEnvelope<EventPayload> event = EventEnvelope.of(UUID.randomUUID().toString(), "/connect/access-service",
                OutboxWriter.now(), Actor.system("test"), null, payload);
        publish(event);
        return event;
    }

    public static void publish(EventEnvelope<?> event) {
        TopicProbe.send(Topics.ACCESS_EVENTS, event.partitionkey(), EventCodec.encode(event),
                Map.of("content-type", EventEnvelope.STRUCTURED_CONTENT_TYPE));
    }

    /** Registers a vault in the directory and waits until server-service's projection has it. */
    public static String registerVault(Pool pool, String name, VaultType type) {
        String id = IdGenerator.newId();
        publishAccessEvent(new VaultRegistered(id, name, type));
        await().atMost(Duration.ofSeconds(20)).until(() ->
                count(pool, "select count(*) from server_service.vault_directory where vault_id = $1", id) == 1);
        return id;
    }

    public static void grantVault(String serverId, String vaultId, String vaultName) {
        publishAccessEvent(new VaultGranted(serverId, vaultId, vaultName));
    }

    public static void revokeVault(String serverId, String vaultId, String vaultName) {
        publishAccessEvent(new VaultRevoked(serverId, vaultId, vaultName, VaultRevocationReason.REVOKED));
    }

    public static long count(Pool pool, String sql, Object... params) {
        Row row = pool.preparedQuery(sql).execute(Tuple.from(params)).await().atMost(Duration.ofSeconds(10))
                .iterator().next();
        return row.getLong(0);
    }

    public static String text(Pool pool, String sql, Object... params) {
        var rows = pool.preparedQuery(sql).execute(Tuple.from(params)).await().atMost(Duration.ofSeconds(10));
        return rows.size() == 0 ? null : rows.iterator().next().getString(0);
    }
}

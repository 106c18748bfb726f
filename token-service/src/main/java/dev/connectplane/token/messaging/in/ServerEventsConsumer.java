package dev.connectplane.token.messaging.in;

import dev.connectplane.contracts.envelope.EventEnvelope;
import dev.connectplane.contracts.envelope.EventPayload;
import dev.connectplane.contracts.server.ServerCreated;
import dev.connectplane.contracts.server.ServerDeleted;
import dev.connectplane.contracts.server.ServerRenamed;
import dev.connectplane.foundation.caller.CallContext;
import dev.connectplane.foundation.inbox.IdempotentConsumer;
import dev.connectplane.token.introspection.IntrospectionCache;
import dev.connectplane.token.service.CacheInvalidation;
import dev.connectplane.token.service.TokenCascades;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reacts to server-service: keeps the servers projection (with each server's credential
 * verifier) and, on ServerDeleted, revokes every token of the server. Applied at most once per
 * event (inbox), in the event's transaction; the introspection cache is updated only after that
 * commit, so nothing is ever true in memory alone. A transient failure is retried on the same
 * event until it commits.
 */
@ApplicationScoped
public class ServerEventsConsumer {

    private final IdempotentConsumer consumer;
    private final TokenCascades cascades;
    private final IntrospectionCache cache;

    public ServerEventsConsumer(IdempotentConsumer consumer, TokenCascades cascades, IntrospectionCache cache) {
        this.consumer = consumer;
        this.cascades = cascades;
        this.cache = cache;
    }

    @Incoming("server-events")
    @ActivateRequestContext
    public Uni<Void> onServerEvent(ConsumerRecord<String, String> record) {
        CacheInvalidation changed = new CacheInvalidation();
        return consumer.consume(record, event -> apply(event, changed)).invoke(() -> changed.applyTo(cache));
    }

    Uni<Void> apply(EventEnvelope<EventPayload> event, CacheInvalidation changed) {
        if (event.data() instanceof ServerCreated created) {
            return cascades.serverCreated(created.serverId(), created.name(), created.credentialVerifier(),
                    created.requestedVaults(), changed);
        }
        if (event.data() instanceof ServerRenamed renamed) {
            return cascades.serverRenamed(renamed.serverId(), renamed.newName());
        }
        if (event.data() instanceof ServerDeleted deleted) {
            return cascades.serverDeleted(deleted.serverId(), deleted.name(), CallContext.following(event), changed);
        }
        return Uni.createFrom().voidItem();
    }
}

package dev.connectplane.token.messaging.in;

import dev.connectplane.contracts.access.VaultGranted;
import dev.connectplane.contracts.access.VaultRevoked;
import dev.connectplane.contracts.envelope.EventEnvelope;
import dev.connectplane.contracts.envelope.EventPayload;
import dev.connectplane.foundation.authz.GroupGrantProjection;
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
 * Reacts to access-service: keeps the projection of each server's vaults and, on VaultRevoked,
 * trims that vault for good from every token of the server. Applied at most once per event
 * (inbox), in the event's transaction; the introspection cache is updated after commit.
 */
@ApplicationScoped
public class AccessEventsConsumer {

    private final IdempotentConsumer consumer;
    private final TokenCascades cascades;
    private final IntrospectionCache cache;
    private final GroupGrantProjection groupGrants;

    public AccessEventsConsumer(IdempotentConsumer consumer, TokenCascades cascades, IntrospectionCache cache,
                                GroupGrantProjection groupGrants) {
        this.consumer = consumer;
        this.cascades = cascades;
        this.cache = cache;
        this.groupGrants = groupGrants;
    }

    @Incoming("access-events")
    @ActivateRequestContext
    public Uni<Void> onAccessEvent(ConsumerRecord<String, String> record) {
        CacheInvalidation changed = new CacheInvalidation();
        return consumer.consume(record, event -> apply(event, changed)).invoke(() -> changed.applyTo(cache));
    }

    Uni<Void> apply(EventEnvelope<EventPayload> event, CacheInvalidation changed) {
        if (event.data() instanceof VaultGranted granted) {
            return cascades.vaultGranted(granted.serverId(), granted.vaultId(), granted.vaultName());
        }
        if (event.data() instanceof VaultRevoked revoked) {
            return cascades.vaultRevoked(revoked.serverId(), revoked.vaultId(), revoked.vaultName(),
                    revoked.reason().wireName(), CallContext.following(event), changed);
        }
        return groupGrants.apply(event.data());
    }
}

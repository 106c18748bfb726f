package dev.connectplane.token.messaging.in;

import dev.connectplane.contracts.changes.AccessChangeKind;
import dev.connectplane.contracts.changes.AccessChanged;
import dev.connectplane.contracts.envelope.EventCodec;
import dev.connectplane.contracts.envelope.EventEnvelope;
import dev.connectplane.contracts.envelope.EventPayload;
import dev.connectplane.foundation.consumers.AppliedOffsets;
import dev.connectplane.foundation.tracing.Traces;
import dev.connectplane.token.introspection.IntrospectionCache;
import io.opentelemetry.api.trace.Span;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Keeps every instance's introspection cache in step with changes made by any instance: each
 * instance reads {@code connect.access-changes} in a consumer group of its own and drops the
 * tokens and servers an event names. The instance that made a change has already dropped them
 * right after its commit; this covers the others. Unreadable messages are skipped: they change
 * nothing here, and the domain consumers dead-letter what they cannot read. Each record handled is
 * counted in {@link AppliedOffsets}, which {@link AccessChangesLag} asks, and handled in a span,
 * the last of the trace that made the change.
 */
@ApplicationScoped
public class AccessChangesListener {

    private static final Logger LOG = Logger.getLogger(AccessChangesListener.class);

    private final IntrospectionCache cache;
    private final AppliedOffsets applied;
    private final Traces traces;

    public AccessChangesListener(IntrospectionCache cache, AppliedOffsets applied, Traces traces) {
        this.cache = cache;
        this.applied = applied;
        this.traces = traces;
    }

    @Incoming("token-cache")
    public void onAccessChange(ConsumerRecord<String, String> record) {
        Span span = traces.receiving("invalidate", record);
        try {
            invalidate(record, span);
        } finally {
            span.end();
            applied.done(record);
        }
    }

    private void invalidate(ConsumerRecord<String, String> record, Span span) {
        EventEnvelope<EventPayload> event;
        try {
            event = EventCodec.decode(record.value());
        } catch (RuntimeException e) {
            LOG.debugf("unreadable access change at %s-%d@%d ignored", record.topic(), record.partition(), record.offset());
            return;
        }
        span.setAttribute(Traces.EVENT_ID, event.id());
        span.setAttribute(Traces.EVENT_TYPE, event.type());
        if (event.data() instanceof AccessChanged change) {
            span.setAttribute(Traces.SERVER_ID, change.serverId());
            if (change.tokenId() != null) {
                cache.invalidateToken(change.tokenId());
            }
            if (change.change() == AccessChangeKind.SERVER_DELETED) {
                cache.invalidateServer(change.serverId());
            }
        }
    }
}

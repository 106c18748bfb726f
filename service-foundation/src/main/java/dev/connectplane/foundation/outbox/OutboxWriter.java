package dev.connectplane.foundation.outbox;

import dev.connectplane.contracts.envelope.Actor;
import dev.connectplane.contracts.envelope.EventCodec;
import dev.connectplane.contracts.envelope.EventEnvelope;
import dev.connectplane.contracts.envelope.EventPayload;
import dev.connectplane.contracts.envelope.EventType;
import dev.connectplane.foundation.config.FoundationConfig;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Writes an event into the outbox table inside the caller's current Panache transaction, so
 * that the event exists exactly when the state change it describes is committed. The
 * {@link OutboxRelay} publishes it afterwards.
 */
@ApplicationScoped
public class OutboxWriter {

    private final String source;
    private final String insert;

    public OutboxWriter(FoundationConfig config) {
        this.source = "/connect/" + config.serviceName();
        this.insert = "insert into " + config.dbSchema()
                + ".outbox_event (event_id, topic, record_key, event_type, payload) values (?1, ?2, ?3, ?4, ?5)";
    }

    /**
     * Appends one event. Must run inside {@code Panache.withTransaction}: outside a transaction
     * it fails rather than publish an event for a change that might not commit.
     *
     * @param causationId the ID of the command that caused the change, or {@code null}
     * @return the event as it will be published
     */
    public <T extends EventPayload> Uni<EventEnvelope<T>> append(T payload, Actor actor, String causationId) {
        EventEnvelope<T> event = EventEnvelope.of(UUID.randomUUID().toString(), source, now(), actor, causationId, payload);
        EventType type = EventType.of(payload);
        return Panache.currentTransaction()
                .chain(transaction -> {
                    if (transaction == null) {
                        return Uni.createFrom().failure(new IllegalStateException(
                                "the outbox is written only inside a transaction (" + type.type() + ")"));
                    }
                    return Panache.getSession();
                })
                .chain(session -> session.createNativeQuery(insert)
                        .setParameter(1, event.id())
                        .setParameter(2, type.topic())
                        .setParameter(3, payload.partitionKey())
                        .setParameter(4, type.type())
                        .setParameter(5, EventCodec.encode(event))
                        .executeUpdate())
                .replaceWith(event);
    }

    /** Event times are UTC with millisecond precision, the canonical form of the contracts. */
    public static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
    }
}

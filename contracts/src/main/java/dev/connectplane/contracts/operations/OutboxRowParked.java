package dev.connectplane.contracts.operations;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.connectplane.contracts.envelope.EventPayload;
import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * A service's outbox relay set a row aside because the broker will never take it (too large, an
 * invalid topic, a record it cannot serialize). The row is kept in the service's
 * {@code outbox_event} table, the rows with the same key wait behind it (per-key order is never
 * broken), and the relay goes on with every other key. Carries where the row is and why, never
 * its payload.
 *
 * @param service   the service whose outbox holds the row, e.g. {@code server-service}
 * @param seq       the row's position in that outbox
 * @param eventId   the parked event's ID
 * @param eventType the parked event's type
 * @param topic     the topic it was meant for
 * @param recordKey its Kafka key (a server ID, or a command ID for a reply)
 * @param sizeBytes the record's size as the relay measured it
 * @param reason    why the broker will not take it
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record OutboxRowParked(String service, long seq, String eventId, String eventType, String topic,
                              String recordKey, long sizeBytes, String reason, OffsetDateTime parkedAt)
        implements EventPayload {

    public OutboxRowParked {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(parkedAt, "parkedAt");
    }

    @Override
    public String subject() {
        return eventId;
    }

    /** One key per service, so that a service's notices stay in order and never wait behind a server's events. */
    @Override
    public String partitionKey() {
        return "outbox:" + service;
    }
}

package dev.connectplane.foundation.operations;

import java.time.OffsetDateTime;

/** An outbox row parked because the broker will never take it; its payload is never shown. */
public record ParkedRow(long seq, String eventId, String eventType, String topic, String key, String reason,
                        long payloadChars, OffsetDateTime createdAt, OffsetDateTime parkedAt) {
}

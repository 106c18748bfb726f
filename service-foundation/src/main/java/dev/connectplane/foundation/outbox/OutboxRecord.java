package dev.connectplane.foundation.outbox;

import dev.connectplane.contracts.envelope.EventEnvelope;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * One unpublished outbox row as the relay reads it.
 *
 * @param contentType the row's content type, or null for a structured CloudEvent
 * @param committedAt its commit time where PostgreSQL tracks it, else its insert time
 */
record OutboxRecord(long seq, String eventId, String eventType, String topic, String key, String payload,
                    String contentType, OffsetDateTime committedAt) {

    /** What a record costs beyond its key, value and headers in a Kafka batch, rounded up. */
    private static final int RECORD_OVERHEAD_BYTES = 128;

    ProducerRecord<String, String> toProducerRecord() {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, payload);
        record.headers().add("content-type", headerContentType().getBytes(StandardCharsets.UTF_8));
        return record;
    }

    String headerContentType() {
        return contentType != null ? contentType : EventEnvelope.STRUCTURED_CONTENT_TYPE;
    }

    /** An upper bound of the record's size on the wire: what the producer compares with its maximum. */
    long sizeBytes() {
        return utf8Length(key) + utf8Length(payload) + utf8Length(headerContentType()) + "content-type".length()
                + RECORD_OVERHEAD_BYTES;
    }

    private static long utf8Length(String text) {
        return text == null ? 0 : text.getBytes(StandardCharsets.UTF_8).length;
    }
}

package dev.connectplane.foundation.outbox;

import dev.connectplane.contracts.envelope.EventEnvelope;
import dev.connectplane.foundation.tracing.Traces;
import io.opentelemetry.api.trace.Span;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * One unpublished outbox row as the relay reads it.
 *
 * @param contentType the row's content type, or null for a structured CloudEvent
 * @param committedAt its commit time where PostgreSQL tracks it, else its insert time
 * @param traceParent the W3C trace context of the change that wrote it, or null (tracing off)
 */
record OutboxRecord(long seq, String eventId, String eventType, String topic, String key, String payload,
                    String contentType, OffsetDateTime committedAt, String traceParent) {

    /** What a record costs beyond its key, value and headers in a Kafka batch, rounded up. */
    private static final int RECORD_OVERHEAD_BYTES = 128;

    /** The record to send, its headers the content type and the {@code traceparent} of the send's span. */
    ProducerRecord<String, String> toProducerRecord(Span send) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, payload);
        record.headers().add("content-type", headerContentType().getBytes(StandardCharsets.UTF_8));
        Traces.inject(send, record.headers());
        return record;
    }

    String headerContentType() {
        return contentType != null ? contentType : EventEnvelope.STRUCTURED_CONTENT_TYPE;
    }

    /** An upper bound of the record's size on the wire: what the producer compares with its maximum. */
    long sizeBytes() {
        return utf8Length(key) + utf8Length(payload) + utf8Length(headerContentType()) + "content-type".length()
                + (traceParent == null ? 0 : utf8Length(traceParent) + Traces.TRACEPARENT.length())
                + RECORD_OVERHEAD_BYTES;
    }

    /**
     * The text's length in UTF-8, counted without encoding it: the relay sizes every row of a
     * round, and a cascade's 20,000 payloads encoded only to be measured were 12 MB of garbage.
     */
    static long utf8Length(String text) {
        if (text == null) {
            return 0;
        }
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}

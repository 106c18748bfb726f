package dev.connectplane.foundation.outbox;

import dev.connectplane.contracts.envelope.Actor;
import dev.connectplane.contracts.envelope.EventCodec;
import dev.connectplane.contracts.envelope.EventEnvelope;
import dev.connectplane.contracts.envelope.EventType;
import dev.connectplane.contracts.operations.OutboxWatermark;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * When the relay publishes its {@link OutboxWatermark}, and the record it sends. A round may carry
 * one only if it read every unpublished row there was: a round that filled its batch leaves rows
 * behind. The moment it states is taken before the round's first read, so every row committed
 * before it was read by that round, or published by an earlier one; it is cut to the millisecond
 * downwards, never later than the truth. Not thread-safe: the relay's loop is its only user.
 */
final class RelayWatermark {

    private final OutboxWriter writer;
    private final String service;
    private final Duration interval;
    private Instant next = Instant.EPOCH;

    RelayWatermark(OutboxWriter writer, String service, Duration interval) {
        this.writer = writer;
        this.service = service;
        this.interval = interval;
    }

    /** Whether a watermark is due: one a {@code interval}. */
    boolean isDue(Instant now) {
        return !now.isBefore(next);
    }

    /** The watermark record saying that every row committed before {@code readFrom} is published. */
    ProducerRecord<String, String> record(Instant readFrom) {
        OutboxWatermark watermark = OutboxWatermark.through(service, readFrom);
        EventEnvelope<OutboxWatermark> event = writer.envelope(watermark, Actor.system(service), null);
        ProducerRecord<String, String> record = new ProducerRecord<>(EventType.of(watermark).topic(),
                watermark.partitionKey(), EventCodec.encode(event));
        record.headers().add("content-type", EventEnvelope.STRUCTURED_CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
        return record;
    }

    /** The watermark of a round was committed: the next is due one interval later. */
    void published(Instant now) {
        next = now.plus(interval);
    }
}

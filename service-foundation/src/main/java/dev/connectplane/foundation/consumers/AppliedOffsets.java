package dev.connectplane.foundation.consumers;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * How far this instance has applied each partition it consumes: the offset after the last record
 * whose effect has committed (or that was skipped, or handed to the dead-letter strategy, so will
 * never be applied). A consumer's fetch position runs ahead of this: SmallRye polls records and
 * queues them before they are handed to the {@code @Incoming} method, so "read to the end" is not
 * "applied to the end" ({@link ConsumerPositions} asks this instead). Records of a partition are
 * handled one after the other, so the highest offset seen is the watermark.
 */
@ApplicationScoped
public class AppliedOffsets {

    private final Map<TopicPartition, Long> next = new ConcurrentHashMap<>();

    /** The record is done with here: applied, skipped as a repeat, or failed for good. */
    public void done(ConsumerRecord<?, ?> record) {
        next.merge(new TopicPartition(record.topic(), record.partition()), record.offset() + 1, Math::max);
    }

    /** The offset after the last record done with here, if any was since this instance started. */
    public Optional<Long> reached(TopicPartition partition) {
        return Optional.ofNullable(next.get(partition));
    }
}

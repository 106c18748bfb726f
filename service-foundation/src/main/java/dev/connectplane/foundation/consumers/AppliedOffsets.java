package dev.connectplane.foundation.consumers;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Whether this instance is done with every record it has fetched of a partition. SmallRye polls
 * records and queues them before they are handed to the {@code @Incoming} method, so a consumer's
 * position counts records as read that still wait, unapplied, in that queue. {@link FetchedOffsets}
 * notes what each poll returned; the consumers note each record they are done with: applied
 * (its effect committed), skipped as a repeat, or handed to the dead-letter strategy (it will
 * never be applied). Offsets, not counts: a transactional producer's commit markers take
 * offsets no record has. Records of a partition are handled one after the other, so the highest
 * offset seen is the watermark. One channel per topic among those {@link ConsumerPositions} is
 * asked about: the watermarks are kept per partition.
 */
@ApplicationScoped
public class AppliedOffsets {

    private final Map<TopicPartition, Long> fetched = new ConcurrentHashMap<>();
    private final Map<TopicPartition, Long> done = new ConcurrentHashMap<>();

    /** A poll returned the partition's records up to {@code next - 1}. */
    public void fetched(TopicPartition partition, long next) {
        fetched.merge(partition, next, Math::max);
    }

    /** The record is done with here: applied, skipped as a repeat, or failed for good. */
    public void done(ConsumerRecord<?, ?> record) {
        done.merge(new TopicPartition(record.topic(), record.partition()), record.offset() + 1, Math::max);
    }

    /** What is known of the partition here, for the log. */
    public String describe(TopicPartition partition) {
        return "fetched " + fetched.get(partition) + ", done " + done.get(partition);
    }

    /** Every record fetched of the partition since this instance started is done with. */
    public boolean allDone(TopicPartition partition) {
        Long polled = fetched.get(partition);
        return polled == null || done.getOrDefault(partition, 0L) >= polled;
    }
}

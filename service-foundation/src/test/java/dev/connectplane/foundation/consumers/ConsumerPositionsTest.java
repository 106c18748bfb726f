package dev.connectplane.foundation.consumers;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * "Caught up" means applied to the end, not fetched to the end: records a consumer has polled but
 * not yet handed over (SmallRye queues them) leave its partition behind. With the fetch position,
 * a token-service just restarted under load took a server it had not applied yet for missing
 * (404) where it must answer "late" (503).
 */
class ConsumerPositionsTest {

    private static final String TOPIC = "connect.servers.events";
    private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);

    @Test
    void aGroupPartitionPolledButNotAppliedIsBehind() {
        MockConsumer<Object, Object> consumer = inGroup(0L);
        AppliedOffsets applied = new AppliedOffsets();
        pollThree(consumer);

        assertThat(consumer.position(P0)).isEqualTo(3);
        assertThat(ConsumerPositions.standing(consumer, applied).atEnd()).isFalse();

        applied.done(record(1));
        assertThat(ConsumerPositions.standing(consumer, applied).atEnd()).isFalse();

        applied.done(record(2));
        assertThat(ConsumerPositions.standing(consumer, applied).atEnd()).isTrue();
    }

    @Test
    void aGroupPartitionCommittedToItsEndCountsBeforeAnythingIsAppliedHere() {
        MockConsumer<Object, Object> consumer = inGroup(3L);

        ConsumerPositions.Standing standing = ConsumerPositions.standing(consumer, new AppliedOffsets());

        assertThat(standing.atEnd()).isTrue();
        assertThat(standing.inGroup()).isTrue();
        assertThat(standing.assigned()).containsExactly(P0);
    }

    @Test
    void aGroupPartitionCommittedHalfWayIsBehindUntilTheRestIsApplied() {
        MockConsumer<Object, Object> consumer = inGroup(1L);
        AppliedOffsets applied = new AppliedOffsets();

        assertThat(ConsumerPositions.standing(consumer, applied).atEnd()).isFalse();

        applied.done(record(2));
        assertThat(ConsumerPositions.standing(consumer, applied).atEnd()).isTrue();
    }

    @Test
    void anAssignedPartitionStandsOnItsPositionUntilARecordIsApplied() {
        MockConsumer<Object, Object> consumer = new MockConsumer<>(OffsetResetStrategy.LATEST);
        consumer.assign(List.of(P0));
        consumer.updateBeginningOffsets(Map.of(P0, 0L));
        consumer.updateEndOffsets(Map.of(P0, 3L));
        consumer.seek(P0, 3L);
        AppliedOffsets applied = new AppliedOffsets();

        assertThat(ConsumerPositions.standing(consumer, applied).atEnd()).isTrue();

        consumer.addRecord(new ConsumerRecord<>(TOPIC, 0, 3L, "key", "value"));
        consumer.updateEndOffsets(Map.of(P0, 4L));
        consumer.poll(Duration.ZERO);
        applied.done(record(2));
        assertThat(ConsumerPositions.standing(consumer, applied).atEnd()).isFalse();

        applied.done(record(3));
        assertThat(ConsumerPositions.standing(consumer, applied).atEnd()).isTrue();
    }

    @Test
    void theWatermarkNeverGoesBack() {
        AppliedOffsets applied = new AppliedOffsets();
        applied.done(record(5));
        applied.done(record(2));

        assertThat(applied.reached(P0)).contains(6L);
        assertThat(applied.reached(new TopicPartition(TOPIC, 1))).isEmpty();
    }

    /** A consumer of the group holding partition 0, with three records on it and the group committed to {@code committed}. */
    private static MockConsumer<Object, Object> inGroup(long committed) {
        MockConsumer<Object, Object> consumer = new MockConsumer<>(OffsetResetStrategy.EARLIEST);
        consumer.subscribe(List.of(TOPIC));
        consumer.rebalance(List.of(P0));
        consumer.updateBeginningOffsets(Map.of(P0, 0L));
        consumer.updateEndOffsets(Map.of(P0, 3L));
        consumer.commitSync(Map.of(P0, new OffsetAndMetadata(committed)));
        return consumer;
    }

    private static void pollThree(MockConsumer<Object, Object> consumer) {
        for (long offset = 0; offset < 3; offset++) {
            consumer.addRecord(new ConsumerRecord<>(TOPIC, 0, offset, "key", "value"));
        }
        consumer.poll(Duration.ZERO);
    }

    private static ConsumerRecord<String, String> record(long offset) {
        return new ConsumerRecord<>(TOPIC, 0, offset, "key", "value");
    }
}

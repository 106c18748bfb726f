package dev.connectplane.foundation.consumers;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * "Caught up" means read to the end and done with everything fetched: records a consumer has
 * polled but not yet handed over (SmallRye queues them) leave its partition behind. With the
 * position alone, a token-service just restarted under load took a server it had not applied yet
 * for missing (404) where it must answer "late" (503). Kafka's {@code MockConsumer} stands in for
 * the broker, {@link FetchedOffsets} sees its polls as it sees a real consumer's.
 */
class ConsumerPositionsTest {

    private static final String TOPIC = "connect.servers.events";
    private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);

    private final AppliedOffsets applied = new AppliedOffsets();
    private final FetchedOffsets fetched = new FetchedOffsets(applied);

    @Test
    void aPartitionPolledToItsEndIsBehindUntilEveryRecordIsDoneWith() {
        MockConsumer<Object, Object> consumer = assigned(0, 1, 2);
        poll(consumer);

        assertThat(consumer.position(P0)).isEqualTo(3);
        assertThat(ConsumerPositions.standing(consumer, applied).atEnd()).isFalse();

        applied.done(record(1));
        assertThat(ConsumerPositions.standing(consumer, applied).atEnd()).isFalse();

        applied.done(record(2));
        assertThat(ConsumerPositions.standing(consumer, applied).atEnd()).isTrue();
    }

    @Test
    void aCommitMarkerAfterTheLastRecordDoesNotKeepThePartitionBehind() {
        MockConsumer<Object, Object> consumer = assigned(0, 1);
        consumer.updateEndOffsets(Map.of(P0, 3L));
        poll(consumer);
        consumer.seek(P0, 3L);
        applied.done(record(1));

        assertThat(ConsumerPositions.standing(consumer, applied).atEnd()).isTrue();
    }

    @Test
    void aPartitionNotReadToItsEndIsBehindThoughAllItFetchedIsDone() {
        MockConsumer<Object, Object> consumer = assigned(0, 1);
        poll(consumer);
        applied.done(record(1));
        consumer.updateEndOffsets(Map.of(P0, 4L));

        ConsumerPositions.Standing standing = ConsumerPositions.standing(consumer, applied);

        assertThat(standing.atEnd()).isFalse();
        assertThat(standing.assigned()).containsExactly(P0);
        assertThat(standing.inGroup()).isFalse();
    }

    @Test
    void nothingFetchedYetStandsOnThePosition() {
        MockConsumer<Object, Object> consumer = assigned();

        assertThat(ConsumerPositions.standing(consumer, applied).atEnd()).isTrue();
    }

    @Test
    void aPartitionReadAgainAfterARebalanceCountsWhatWasAppliedBefore() {
        MockConsumer<Object, Object> consumer = assigned(0, 1, 2);
        poll(consumer);
        applied.done(record(2));
        consumer.seek(P0, 1L);
        consumer.addRecord(new ConsumerRecord<>(TOPIC, 0, 1L, "key", "again"));
        poll(consumer);

        assertThat(ConsumerPositions.standing(consumer, applied).atEnd()).isFalse();

        consumer.addRecord(new ConsumerRecord<>(TOPIC, 0, 2L, "key", "again"));
        poll(consumer);
        assertThat(ConsumerPositions.standing(consumer, applied).atEnd()).isTrue();
    }

    /** A consumer assigned partition 0 holding records at {@code offsets}, its end just after the last. */
    private static MockConsumer<Object, Object> assigned(long... offsets) {
        MockConsumer<Object, Object> consumer = new MockConsumer<>(OffsetResetStrategy.EARLIEST);
        consumer.assign(List.of(P0));
        consumer.updateBeginningOffsets(Map.of(P0, 0L));
        consumer.updateEndOffsets(Map.of(P0, offsets.length == 0 ? 0L : offsets[offsets.length - 1] + 1));
        for (long offset : offsets) {
            consumer.addRecord(new ConsumerRecord<>(TOPIC, 0, offset, "key", "value"));
        }
        return consumer;
    }

    private void poll(MockConsumer<Object, Object> consumer) {
        fetched.onConsume(consumer.poll(Duration.ZERO));
    }

    private static ConsumerRecord<String, String> record(long offset) {
        return new ConsumerRecord<>(TOPIC, 0, offset, "key", "value");
    }
}

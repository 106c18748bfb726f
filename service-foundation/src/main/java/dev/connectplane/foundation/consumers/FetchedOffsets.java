package dev.connectplane.foundation.consumers;

import io.quarkus.arc.Arc;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerInterceptor;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Kafka's own hook on every poll: tells {@link AppliedOffsets} how far each poll fetched, before
 * SmallRye queues the records. Set on a channel with
 * {@code mp.messaging.incoming.<channel>.interceptor.classes=dev.connectplane.foundation.consumers.FetchedOffsets};
 * {@link ConsumerPositions} refuses to call a channel without it caught up. Runs on the
 * consumer's polling thread; changes nothing it is given.
 */
public class FetchedOffsets implements ConsumerInterceptor<Object, Object> {

    private AppliedOffsets offsets;

    public FetchedOffsets() {
    }

    FetchedOffsets(AppliedOffsets offsets) {
        this.offsets = offsets;
    }

    @Override
    public void configure(Map<String, ?> configs) {
        if (offsets == null) {
            offsets = Arc.container().instance(AppliedOffsets.class).get();
        }
    }

    @Override
    public ConsumerRecords<Object, Object> onConsume(ConsumerRecords<Object, Object> records) {
        for (TopicPartition partition : records.partitions()) {
            List<ConsumerRecord<Object, Object>> polled = records.records(partition);
            offsets.fetched(partition, polled.get(polled.size() - 1).offset() + 1);
        }
        return records;
    }

    @Override
    public void onCommit(Map<TopicPartition, OffsetAndMetadata> offsets) {
        // nothing to note: what was applied is known before it is committed
    }

    @Override
    public void close() {
        // holds nothing of its own
    }
}

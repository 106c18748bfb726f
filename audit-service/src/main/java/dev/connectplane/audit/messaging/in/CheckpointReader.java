package dev.connectplane.audit.messaging.in;

import dev.connectplane.audit.config.AuditConfig;
import dev.connectplane.contracts.Topics;
import dev.connectplane.contracts.audit.AuditCheckpointed;
import dev.connectplane.contracts.envelope.EventCodec;
import dev.connectplane.contracts.envelope.EventEnvelope;
import dev.connectplane.contracts.envelope.EventPayload;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads the newest checkpoints back from {@code connect.audit.checkpoints} (the last
 * {@code read-back} records of each partition, committed ones only), for verify. A plain Kafka
 * consumer made for each read, assigned rather than subscribed, so it joins no group and moves
 * no offsets. Blocking: call it off the event loop. Messages that are not checkpoints, or come
 * from another source than audit-service, are counted and left out.
 */
@ApplicationScoped
public class CheckpointReader {

    /** What the topic held: the checkpoints, and how many messages were not checkpoints of ours. */
    public record Read(List<AuditCheckpointed> checkpoints, int foreign) {
    }

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    private final int readBack;
    private final Duration timeout;

    public CheckpointReader(AuditConfig config) {
        this.readBack = config.checkpoints().readBack();
        this.timeout = config.checkpoints().readTimeout();
    }

    /**
     * The newest checkpoints of every partition.
     *
     * @throws TimeoutException when the broker does not answer in time
     */
    public Read newest() {
        try (KafkaConsumer<String, String> consumer = consumer()) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo info : consumer.partitionsFor(Topics.AUDIT_CHECKPOINTS, timeout)) {
                partitions.add(new TopicPartition(info.topic(), info.partition()));
            }
            consumer.assign(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, timeout);
            Map<TopicPartition, Long> begins = consumer.beginningOffsets(partitions, timeout);
            List<TopicPartition> pending = new ArrayList<>();
            for (TopicPartition partition : partitions) {
                long end = ends.getOrDefault(partition, 0L);
                consumer.seek(partition, Math.max(begins.getOrDefault(partition, 0L), end - readBack));
                if (end > begins.getOrDefault(partition, 0L)) {
                    pending.add(partition);
                }
            }
            List<AuditCheckpointed> checkpoints = new ArrayList<>();
            int foreign = 0;
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!pending.isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new TimeoutException("the checkpoints topic was not read in " + timeout);
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    AuditCheckpointed checkpoint = checkpoint(record.value());
                    if (checkpoint == null) {
                        foreign++;
                    } else {
                        checkpoints.add(checkpoint);
                    }
                }
                pending.removeIf(partition -> consumer.position(partition, timeout) >= ends.get(partition));
            }
            return new Read(checkpoints, foreign);
        }
    }

    private static AuditCheckpointed checkpoint(String value) {
        try {
            EventEnvelope<EventPayload> event = EventCodec.decode(value);
            return event.data() instanceof AuditCheckpointed checkpoint
                    && Topics.sourceOf("audit-service").equals(event.source()) ? checkpoint : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private KafkaConsumer<String, String> consumer() {
        Map<String, Object> properties = new HashMap<>();
        kafkaConfig.forEach((key, value) -> {
            if (ConsumerConfig.configNames().contains(key) || key.startsWith("ssl.") || key.startsWith("sasl.")) {
                properties.put(key, value);
            }
        });
        properties.remove(ConsumerConfig.GROUP_ID_CONFIG);
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "audit-checkpoint-reader-" + UUID.randomUUID());
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        properties.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        return new KafkaConsumer<>(properties, new StringDeserializer(), new StringDeserializer());
    }
}

package dev.connectplane.bench.faults;

import dev.connectplane.contracts.Topics;
import dev.connectplane.contracts.changes.AccessChanged;
import dev.connectplane.contracts.envelope.EventCodec;
import dev.connectplane.contracts.envelope.EventEnvelope;
import dev.connectplane.contracts.envelope.EventPayload;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Everything on {@code connect.access-changes} up to its end now, per server in partition order
 * (the order a subscriber sees), each change with its event ID. Read with manual assignment, so
 * no consumer group is left behind.
 */
final class AccessChangeLog {

    /** One change as a subscriber receives it. */
    record Change(String eventId, AccessChanged change) {
    }

    private final Map<String, List<Change>> byServer = new HashMap<>();

    private AccessChangeLog() {
    }

    static AccessChangeLog read(String bootstrapServers) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false, ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        AccessChangeLog log = new AccessChangeLog();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.ACCESS_CHANGES, Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (!caughtUp(consumer, ends) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    log.add(record);
                }
            }
        }
        return log;
    }

    private static boolean caughtUp(KafkaConsumer<String, String> consumer, Map<TopicPartition, Long> ends) {
        return ends.entrySet().stream().allMatch(end -> consumer.position(end.getKey()) >= end.getValue());
    }

    private void add(ConsumerRecord<String, String> record) {
        EventEnvelope<EventPayload> event;
        try {
            event = EventCodec.decode(record.value());
        } catch (RuntimeException e) {
            return;
        }
        if (event.data() instanceof AccessChanged change) {
            byServer.computeIfAbsent(change.serverId(), id -> new ArrayList<>()).add(new Change(event.id(), change));
        }
    }

    List<Change> of(String serverId) {
        return byServer.getOrDefault(serverId, List.of());
    }
}

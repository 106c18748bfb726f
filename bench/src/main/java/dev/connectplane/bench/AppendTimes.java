package dev.connectplane.bench;

import dev.connectplane.contracts.changes.AccessChanged;
import dev.connectplane.contracts.envelope.EventCodec;
import dev.connectplane.contracts.envelope.EventEnvelope;
import dev.connectplane.contracts.envelope.EventPayload;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Follows topics from their end and records, per event type and record key, the broker's
 * append time (the topics use LogAppendTime) and the event's own {@code time}, in milliseconds.
 */
final class AppendTimes implements AutoCloseable {

    /** One event as seen on the topic. */
    record Seen(long appendMillis, long eventMillis) {
    }

    /** How many events of one type and key were seen, and the latest broker append time among them. */
    record Tally(int count, long lastAppendMillis) {
    }

    private final Map<String, Map<String, Seen>> byType = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Tally>> tallies = new ConcurrentHashMap<>();
    private final Map<String, Long> appendByEventId = new ConcurrentHashMap<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;

    private AppendTimes(Thread thread) {
        this.thread = thread;
    }

    static AppendTimes follow(String bootstrap, List<String> topics) throws InterruptedException {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID());
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        // the relays publish in transactions: see what they committed, never an aborted round
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        AtomicBoolean assigned = new AtomicBoolean();
        AppendTimes[] self = new AppendTimes[1];
        Thread thread = new Thread(() -> {
            try (KafkaConsumer<String, String> consumer =
                         new KafkaConsumer<>(properties, new StringDeserializer(), new StringDeserializer())) {
                consumer.subscribe(topics);
                while (self[0] == null || self[0].running.get()) {
                    for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(50))) {
                        EventEnvelope<EventPayload> event = EventCodec.decode(record.value());
                        self[0].byType.computeIfAbsent(event.type(), t -> new ConcurrentHashMap<>())
                                .putIfAbsent(record.key(), new Seen(record.timestamp(), event.time().toInstant().toEpochMilli()));
                        self[0].appendByEventId.put(event.id(), record.timestamp());
                        String kind = event.data() instanceof AccessChanged change ? event.type() + "#" + change.change().wireName()
                                : event.type();
                        self[0].tallies.computeIfAbsent(kind, t -> new ConcurrentHashMap<>()).merge(record.key(),
                                new Tally(1, record.timestamp()), (a, b) -> new Tally(a.count() + 1,
                                        Math.max(a.lastAppendMillis(), b.lastAppendMillis())));
                    }
                    if (!assigned.get() && !consumer.assignment().isEmpty()) {
                        // Resolve "latest" now, so that nothing produced after follow() returns is skipped.
                        consumer.assignment().forEach(consumer::position);
                        assigned.set(true);
                    }
                }
            }
        }, "append-times");
        self[0] = new AppendTimes(thread);
        thread.start();
        while (!assigned.get()) {
            Thread.sleep(20);
        }
        return self[0];
    }

    /** The broker append time of every event seen so far, by event ID. */
    Map<String, Long> byEventId() {
        return appendByEventId;
    }

    /** The events of a type seen so far, by record key. */
    Map<String, Seen> ofType(String type) {
        return byType.getOrDefault(type, Map.of());
    }

    /**
     * How many events of a kind have this key so far, and the latest append time among them. The
     * kind is the event type, or for access changes {@code connect.access.changed.v1#<change>}.
     */
    Tally tally(String kind, String key) {
        return tallies.getOrDefault(kind, Map.of()).getOrDefault(key, new Tally(0, 0));
    }

    /** Waits until every key has an event of the type, or the timeout passes. */
    void awaitAll(String type, java.util.Collection<String> keys, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!ofType(type).keySet().containsAll(keys) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        thread.join();
    }
}

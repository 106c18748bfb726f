package dev.connectplane.bench;

import dev.connectplane.contracts.changes.AccessChanged;
import dev.connectplane.contracts.envelope.EventCodec;
import dev.connectplane.contracts.envelope.EventEnvelope;
import dev.connectplane.contracts.envelope.EventPayload;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;

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
    private TopicFollower follower;

    private AppendTimes() {
    }

    static AppendTimes follow(String bootstrap, List<String> topics) throws InterruptedException {
        AppendTimes times = new AppendTimes();
        times.follower = TopicFollower.follow(bootstrap, topics, times::record);
        return times;
    }

    private void record(ConsumerRecord<String, String> record) {
        EventEnvelope<EventPayload> event = EventCodec.decode(record.value());
        byType.computeIfAbsent(event.type(), t -> new ConcurrentHashMap<>())
                .putIfAbsent(record.key(), new Seen(record.timestamp(), event.time().toInstant().toEpochMilli()));
        appendByEventId.put(event.id(), record.timestamp());
        String kind = event.data() instanceof AccessChanged change ? event.type() + "#" + change.change().wireName()
                : event.type();
        tallies.computeIfAbsent(kind, t -> new ConcurrentHashMap<>()).merge(record.key(),
                new Tally(1, record.timestamp()), (a, b) -> new Tally(a.count() + 1,
                        Math.max(a.lastAppendMillis(), b.lastAppendMillis())));
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
        follower.close();
    }
}

package dev.connectplane.bench;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Follows topics from their end on a thread of its own, read-committed (the relays publish in
 * transactions: what they committed, never an aborted round), and hands every record to a
 * handler. {@link #follow} returns once the partitions are assigned and their end resolved, so
 * nothing produced afterwards is missed.
 */
final class TopicFollower implements AutoCloseable {

    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;

    private TopicFollower(String bootstrap, List<String> topics, Consumer<ConsumerRecord<String, String>> handler,
                          AtomicBoolean assigned) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID());
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        this.thread = new Thread(() -> {
            try (KafkaConsumer<String, String> consumer =
                         new KafkaConsumer<>(properties, new StringDeserializer(), new StringDeserializer())) {
                consumer.subscribe(topics);
                while (running.get()) {
                    consumer.poll(Duration.ofMillis(20)).forEach(handler);
                    if (!assigned.get() && !consumer.assignment().isEmpty()) {
                        // resolve "latest" now, so that nothing produced after follow() returns is skipped
                        consumer.assignment().forEach(consumer::position);
                        assigned.set(true);
                    }
                }
            }
        }, "topic-follower");
        thread.setDaemon(true);
    }

    static TopicFollower follow(String bootstrap, List<String> topics, Consumer<ConsumerRecord<String, String>> handler)
            throws InterruptedException {
        AtomicBoolean assigned = new AtomicBoolean();
        TopicFollower follower = new TopicFollower(bootstrap, topics, handler, assigned);
        follower.thread.start();
        while (!assigned.get()) {
            Thread.sleep(20);
        }
        return follower;
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        thread.join(10_000);
    }
}

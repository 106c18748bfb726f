package dev.connectplane.testing;

import dev.connectplane.contracts.envelope.EventCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;

/**
 * Reads what is on a topic, from a test: a fresh consumer group that starts at the beginning
 * and collects every record it sees, so that a test can wait for the records it expects.
 */
public final class TopicProbe implements AutoCloseable {

    private static final Map<List<Object>, KafkaProducer<String, String>> PRODUCERS = new ConcurrentHashMap<>();

    private final KafkaConsumer<String, String> consumer;
    private final List<ConsumerRecord<String, String>> seen = new ArrayList<>();

    private TopicProbe(KafkaConsumer<String, String> consumer) {
        this.consumer = consumer;
    }

    /** On the tests' shared broker. */
    public static TopicProbe onTopic(String topic) {
        return onTopic(SharedInfra.endpoints().kafkaBootstrapServers(), topic);
    }

    /** On the broker at {@code bootstrapServers} (another stack's, such as compose's). */
    public static TopicProbe onTopic(String bootstrapServers, String topic) {
        return onTopic(bootstrapServers, Map.of(), topic);
    }

    /**
     * On a secured broker, signed in with {@code signIn} (SASL settings for a principal whose
     * groups are prefixed by its name, e.g. {@code connect-client}).
     */
    public static TopicProbe onTopic(String bootstrapServers, Map<String, String> signIn, String topic) {
        Properties properties = new Properties();
        properties.putAll(signIn);
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, groupPrefix(signIn) + "probe-" + UUID.randomUUID());
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        // the relays publish in transactions: see what they committed, never an aborted round
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(properties, new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of(topic));
        return new TopicProbe(consumer);
    }

    /** Waits until at least {@code count} records match, and returns those records in topic order per partition. */
    public List<ConsumerRecord<String, String>> awaitRecords(Predicate<ConsumerRecord<String, String>> matching,
                                                             int count, Duration timeout) {
        Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(20)).until(() -> {
            poll();
            return matching(matching).size() >= count;
        });
        return matching(matching);
    }

    /**
     * Waits until at least {@code count} events are keyed {@code key} and returns each as its
     * payload type and its {@code causationid} ({@code "ServerCreated <command ID>"}): what caused
     * each change, in topic order.
     */
    public List<String> awaitCauses(String key, int count, Duration timeout) {
        return awaitRecords(record -> key.equals(record.key()), count, timeout).stream()
                .map(record -> EventCodec.decode(record.value()))
                .map(event -> event.data().getClass().getSimpleName() + " " + event.causationid())
                .toList();
    }

    /** Polls for a while and returns every matching record seen, for asserting that something did not arrive. */
    public List<ConsumerRecord<String, String>> recordsAfter(Predicate<ConsumerRecord<String, String>> matching,
                                                             Duration quietPeriod) {
        long end = System.nanoTime() + quietPeriod.toNanos();
        while (System.nanoTime() < end) {
            poll();
        }
        return matching(matching);
    }

    private void poll() {
        consumer.poll(Duration.ofMillis(100)).forEach(seen::add);
    }

    private List<ConsumerRecord<String, String>> matching(Predicate<ConsumerRecord<String, String>> matching) {
        return seen.stream().filter(matching).toList();
    }

    /** Sends one record to the tests' shared broker and waits for the broker's acknowledgment. */
    public static void send(String topic, String key, String value, Map<String, String> headers) {
        send(SharedInfra.endpoints().kafkaBootstrapServers(), topic, key, value, headers);
    }

    /** Sends one record to the broker at {@code bootstrapServers} and waits for its acknowledgment. */
    public static void send(String bootstrapServers, String topic, String key, String value, Map<String, String> headers) {
        send(bootstrapServers, Map.of(), topic, key, value, headers);
    }

    /** {@link #send(String, String, String, String, Map)} on a secured broker, signed in with {@code signIn}. */
    public static void send(String bootstrapServers, Map<String, String> signIn, String topic, String key, String value,
                            Map<String, String> headers) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, value);
        headers.forEach((name, v) -> record.headers().add(new RecordHeader(name, v.getBytes())));
        try {
            producerFor(bootstrapServers, signIn).send(record).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not send to " + topic, e);
        }
    }

    /**
     * One producer per broker and sign-in for the whole test JVM, closed when it exits: a new
     * producer per record (its connections, metadata and sign-in) cost about 24 ms a record, and
     * the tests send thousands.
     */
    private static KafkaProducer<String, String> producerFor(String bootstrapServers, Map<String, String> signIn) {
        return PRODUCERS.computeIfAbsent(List.of(bootstrapServers, Map.copyOf(signIn)), ignored -> {
            Properties properties = new Properties();
            properties.putAll(signIn);
            properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            properties.put(ProducerConfig.ACKS_CONFIG, "all");
            KafkaProducer<String, String> producer =
                    new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer());
            Runtime.getRuntime().addShutdownHook(new Thread(() -> producer.close(Duration.ofSeconds(2)),
                    "topic-probe-producer-close"));
            return producer;
        });
    }

    /** A signed-in principal may use only groups named after it (the ACL table): {@code connect-client-…}. */
    private static String groupPrefix(Map<String, String> signIn) {
        String jaas = signIn.get("sasl.jaas.config");
        if (jaas == null) {
            return "";
        }
        return jaas.replaceAll(".*username=\"([^\"]+)\".*", "$1") + "-";
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(2));
    }
}

package dev.connectplane.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The broker's ceiling for the latency figures: a bare producer configured as the outbox relay's
 * (idempotent, {@code acks=all}, transactional) on a topic of its own on the same broker, with
 * no database and no service in the way. What the relay adds to the stream is measured against
 * it.
 */
final class KafkaCeiling implements AutoCloseable {

    private static final String TOPIC = "bench.ceiling";
    /** What {@link #oneRecordP99Millis(String, int, int)} measures, as the summary names the ceiling. */
    static final String ONE_RECORD = "bare producer: one record a transaction, send → commit p99";

    private final KafkaProducer<String, String> producer;

    private KafkaCeiling(KafkaProducer<String, String> producer) {
        this.producer = producer;
    }

    static KafkaCeiling open(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
        KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 0,
                ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024,
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "bench-ceiling-" + UUID.randomUUID()),
                new StringSerializer(), new StringSerializer());
        producer.initTransactions();
        KafkaCeiling ceiling = new KafkaCeiling(producer);
        ceiling.burstMillis(2000, 600);
        ceiling.oneRecordMicros(200, 1000);
        return ceiling;
    }

    /**
     * One record per transaction, {@code count} of them at {@code rate}/s: microseconds from each
     * send to its transaction's commit, sorted.
     */
    long[] oneRecordMicros(int count, int rate) throws Exception {
        long[] micros = new long[count];
        String value = "x".repeat(600);
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            long wait = start + i * 1_000_000_000L / rate - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            long sent = System.nanoTime();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(TOPIC, "key-" + (i % 100), value));
            producer.commitTransaction();
            micros[i] = (System.nanoTime() - sent) / 1000;
        }
        return micros;
    }

    /** {@code records} records of {@code bytes} on one key in one transaction: milliseconds from the first send to the commit. */
    double burstMillis(int records, int bytes) throws Exception {
        String value = "x".repeat(bytes);
        String key = UUID.randomUUID().toString();
        long start = System.nanoTime();
        producer.beginTransaction();
        List<Future<RecordMetadata>> sends = new ArrayList<>(records);
        for (int i = 0; i < records; i++) {
            sends.add(producer.send(new ProducerRecord<>(TOPIC, key, value)));
        }
        producer.commitTransaction();
        for (Future<RecordMetadata> send : sends) {
            send.get();
        }
        return (System.nanoTime() - start) / 1e6;
    }

    /**
     * Opens a ceiling producer, measures {@link #oneRecordMicros}'s p99 in milliseconds, and closes
     * it. A transactional producer the broker fences or refuses mid-run (an
     * {@code InvalidTxnStateException} ended one access benchmark after its figures) is replaced
     * by a new one, with a new transactional ID, and the measurement starts over, once.
     */
    static double oneRecordP99Millis(String bootstrap, int count, int rate) throws Exception {
        try {
            return measureOnce(bootstrap, count, rate);
        } catch (KafkaException refused) {
            System.out.printf("(ceiling producer refused: %s; measuring again with a new one)%n", refused);
            return measureOnce(bootstrap, count, rate);
        }
    }

    private static double measureOnce(String bootstrap, int count, int rate) throws Exception {
        try (KafkaCeiling kafka = open(bootstrap)) {
            return kafka.oneRecordP99Millis(count, rate);
        }
    }

    /** The p99 of {@link #oneRecordMicros}, in milliseconds. */
    double oneRecordP99Millis(int count, int rate) throws Exception {
        long[] micros = oneRecordMicros(count, rate);
        return new Percentiles(micros).millis(99);
    }

    @Override
    public void close() {
        producer.close();
    }
}

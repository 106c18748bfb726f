package dev.connectplane.foundation.operations;

import com.fasterxml.jackson.databind.JsonNode;
import dev.connectplane.contracts.Topics;
import dev.connectplane.contracts.envelope.EventCodec;
import dev.connectplane.foundation.config.FoundationConfig;
import dev.connectplane.foundation.faults.NotYetAvailable;
import dev.connectplane.foundation.problem.EchoLimits;
import dev.connectplane.foundation.problem.ProblemException;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

/**
 * Reads this service's dead-letter topic ({@code connect.dead-letter.<service>}) and sends chosen
 * records back to the topic they came from, once the cause is fixed. A replayed event is applied
 * once (the consumers' inbox skips an event ID already applied; a command ID gets its stored
 * reply). Blocking Kafka clients: call from a worker thread.
 *
 * <p>A replay copies the record's key, value and headers except the {@code dead-letter-*} ones,
 * and adds {@code replayed-from} with the dead-letter position and {@code replay-for} with this
 * service's name: the other services reading the source topic skip it ({@link Replays}).
 */
@ApplicationScoped
public class DeadLetters {

    /** Most records one listing or replay reads. */
    public static final int MAX_RECORDS = 1000;
    private static final Logger LOG = Logger.getLogger(DeadLetters.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final String HEADER_PREFIX = "dead-letter-";

    private final String topic;
    private final String serviceName;

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    public DeadLetters(FoundationConfig foundation) {
        this.topic = Topics.deadLetter(foundation.serviceName());
        this.serviceName = foundation.serviceName();
    }

    public String topic() {
        return topic;
    }

    /** The newest {@code limit} records of the dead-letter topic, newest first. */
    public List<DeadLetter> newest(int limit) {
        return read(limit).stream()
                .sorted(Comparator.comparing((ConsumerRecord<String, String> r) -> r.timestamp()).reversed())
                .limit(limit)
                .map(DeadLetters::describe)
                .toList();
    }

    /**
     * Sends the records at these positions ({@code partition:offset}) back to their source topics,
     * or every record among the newest {@value #MAX_RECORDS} when none are named; returns what was sent.
     */
    public List<DeadLetter> replay(List<String> positions) {
        Set<String> wanted = Set.copyOf(positions);
        List<ConsumerRecord<String, String>> chosen = read(MAX_RECORDS).stream()
                .filter(record -> wanted.isEmpty() || wanted.contains(position(record)))
                .sorted(Comparator.comparing((ConsumerRecord<String, String> r) -> r.partition())
                        .thenComparing(ConsumerRecord::offset))
                .toList();
        List<String> missing = positions.stream()
                .filter(position -> chosen.stream().noneMatch(record -> position(record).equals(position))).toList();
        if (!missing.isEmpty()) {
            throw ProblemException.unprocessable("dead-letter-not-found", "No such dead letter",
                    "no record at " + String.join(", ", missing) + " among the newest " + MAX_RECORDS + " on " + topic);
        }
        List<DeadLetter> sent = new ArrayList<>();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig(), new StringSerializer(),
                new StringSerializer())) {
            for (ConsumerRecord<String, String> record : chosen) {
                String source = header(record, "topic");
                if (source == null) {
                    continue;
                }
                producer.send(replayOf(record, source)).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                sent.add(describe(record));
                LOG.infof("dead letter %s of %s replayed onto %s", position(record), topic, source);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NotYetAvailable("interrupted while replaying");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicAuthorizationException refused) {
                throw ProblemException.forbidden("the broker lets this service write only its own topics, and "
                        + refused.unauthorizedTopics() + " belongs to another: a dead-lettered event goes back only "
                        + "through its owner; " + sent.size() + " records were replayed before it");
            }
            throw notTaken(e, sent);
        } catch (TimeoutException e) {
            throw notTaken(e, sent);
        }
        return sent;
    }

    private static NotYetAvailable notTaken(Exception e, List<DeadLetter> sent) {
        return new NotYetAvailable("the broker did not take the replay (" + e.getMessage() + "); "
                + sent.size() + " records were sent before it stopped");
    }

    private ProducerRecord<String, String> replayOf(ConsumerRecord<String, String> record, String source) {
        ProducerRecord<String, String> replay = new ProducerRecord<>(source, record.key(), record.value());
        for (Header header : record.headers()) {
            if (!header.key().startsWith(HEADER_PREFIX) && !header.key().equals(Replays.FOR_HEADER)) {
                replay.headers().add(header);
            }
        }
        replay.headers().add("replayed-from", (record.topic() + "/" + position(record)).getBytes(StandardCharsets.UTF_8));
        replay.headers().add(Replays.FOR_HEADER, serviceName.getBytes(StandardCharsets.UTF_8));
        return replay;
    }

    /** The newest {@code limit} records of each partition. */
    private List<ConsumerRecord<String, String>> read(int limit) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig(), new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, TIMEOUT).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, TIMEOUT);
            Map<TopicPartition, Long> begins = consumer.beginningOffsets(partitions, TIMEOUT);
            Map<TopicPartition, Long> remaining = new HashMap<>();
            for (TopicPartition partition : partitions) {
                long from = Math.max(begins.get(partition), ends.get(partition) - limit);
                consumer.seek(partition, from);
                if (ends.get(partition) > from) {
                    remaining.put(partition, ends.get(partition));
                }
            }
            List<ConsumerRecord<String, String>> records = new ArrayList<>();
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (!remaining.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                remaining.keySet().removeIf(partition -> consumer.position(partition) >= ends.get(partition));
            }
            return records;
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            throw new NotYetAvailable("the broker did not answer: " + e.getMessage());
        }
    }

    private static DeadLetter describe(ConsumerRecord<String, String> record) {
        JsonNode value = parse(record.value());
        String type = text(value, "type");
        String id = text(value, "id");
        if (id == null) {
            id = text(value, "command_id");
        }
        String sourcePartition = header(record, "partition");
        String sourceOffset = header(record, "offset");
        return new DeadLetter(position(record), Instant.ofEpochMilli(record.timestamp()),
                EchoLimits.text(header(record, "reason"), 500), header(record, "topic"),
                sourcePartition == null || sourceOffset == null ? null : sourcePartition + ":" + sourceOffset,
                EchoLimits.text(record.key(), 200), EchoLimits.text(type, 100), EchoLimits.text(id, 200));
    }

    private static String position(ConsumerRecord<String, String> record) {
        return record.partition() + ":" + record.offset();
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(HEADER_PREFIX + name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static JsonNode parse(String value) {
        try {
            return value == null ? null : EventCodec.readTree(value);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String text(JsonNode node, String field) {
        return node != null && node.isObject() && node.path(field).isTextual() ? node.path(field).asText() : null;
    }

    private Map<String, Object> consumerConfig() {
        Map<String, Object> config = clientConfig(ConsumerConfig.configNames());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        return config;
    }

    private Map<String, Object> producerConfig() {
        Map<String, Object> config = clientConfig(ProducerConfig.configNames());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "dead-letter-replay");
        return config;
    }

    private Map<String, Object> clientConfig(Set<String> names) {
        return kafkaConfig.entrySet().stream()
                .filter(e -> names.contains(e.getKey()) || e.getKey().startsWith("ssl.") || e.getKey().startsWith("sasl."))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> b, HashMap::new));
    }
}

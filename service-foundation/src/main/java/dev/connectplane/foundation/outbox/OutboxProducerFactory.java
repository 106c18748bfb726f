package dev.connectplane.foundation.outbox;

import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The relay's Kafka producer: the application's Kafka settings ({@code kafka.*}) with the
 * idempotent producer and full acknowledgment, so a retried send neither duplicates nor
 * reorders records within a partition, and transactional under one {@code transactional.id} per
 * outbox: the instance that takes the relay over fences every earlier producer of that outbox
 * (a paused or cut-off former leader) with {@code initTransactions()}, so a late send of theirs
 * is refused by the broker instead of landing after newer rows.
 */
@ApplicationScoped
public class OutboxProducerFactory {

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    /** How long the broker lets a transaction stay open before aborting it (a leader that died mid-round). */
    static final int TRANSACTION_TIMEOUT_MILLIS = 15_000;

    KafkaProducer<String, String> create(String transactionalId) {
        Map<String, Object> properties = new HashMap<>();
        kafkaConfig.forEach((key, value) -> {
            if (ProducerConfig.configNames().contains(key) || key.startsWith("ssl.") || key.startsWith("sasl.")) {
                properties.put(key, value);
            }
        });
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        properties.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        // big rounds (a cascade of thousands of events) go out in few requests; a lone event is not delayed
        properties.put(ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024);
        // a cascade's events repeat all but their IDs, so its round compresses well (not measured on its own)
        properties.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        properties.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 25_000);
        properties.put(ProducerConfig.CLIENT_ID_CONFIG, transactionalId);
        properties.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        properties.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, TRANSACTION_TIMEOUT_MILLIS);
        return new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer());
    }
}

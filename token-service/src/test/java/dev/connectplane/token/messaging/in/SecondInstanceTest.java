package dev.connectplane.token.messaging.in;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import dev.connectplane.contracts.Topics;
import dev.connectplane.foundation.consumers.ConsumerPositions;
import dev.connectplane.testing.ConnectInfraResource;
import dev.connectplane.testing.SharedInfra;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * This instance beside another one of token-service: a consumer joins the service's group on
 * {@code connect.servers.events}, as a second instance would, and takes a share of the
 * partitions. This instance stays ready; it counts the other's partitions as caught up only once
 * the group's commits reach their ends; and its per-instance listener joins no group at all.
 */
@QuarkusTest
@QuarkusTestResource(ConnectInfraResource.class)
class SecondInstanceTest {

    private static final String CHANNEL = "server-events";

    @Inject
    ConsumerPositions positions;

    @Inject
    KafkaClientService clients;

    @Test
    void readyWithAShareOfThePartitionsAndCaughtUpOnlyOnceTheOtherInstanceCommitted() throws Exception {
        awaitReady();
        try (KafkaConsumer<String, String> other = otherInstance()) {
            // it holds its partitions without reading them: what is on them stays for this instance
            other.subscribe(Set.of(Topics.SERVER_EVENTS), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    other.pause(partitions);
                }
            });
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                other.poll(Duration.ofMillis(200));
                return !other.assignment().isEmpty();
            });
            TopicPartition theirs = other.assignment().iterator().next();
            awaitReady();

            long offset = sendTo(theirs);
            await().atMost(Duration.ofSeconds(20)).until(() -> !caughtUp());
            assertThat(caughtUp()).as("a record on the other instance's partition it has not committed").isFalse();

            other.commitSync(Map.of(theirs, new OffsetAndMetadata(offset + 1)));
            await().atMost(Duration.ofSeconds(20)).until(this::caughtUp);
        }
        awaitReady();
    }

    @Test
    void thePerInstanceListenerJoinsNoConsumerGroup() throws Exception {
        Function<Consumer<Object, Object>, String> groupOf = consumer -> consumer.groupMetadata().groupId();
        String group = clients.getConsumers(AccessChangesLag.CHANNEL).get(0)
                .runOnPollingThread(groupOf)
                .await().atMost(Duration.ofSeconds(10));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                SharedInfra.endpoints().kafkaBootstrapServers()))) {
            assertThat(admin.listConsumerGroups().all().get(30, TimeUnit.SECONDS))
                    .extracting(ConsumerGroupListing::groupId)
                    .contains("token-service")
                    .doesNotContain(group)
                    .noneMatch(id -> id.startsWith("token-service-cache"));
        }
    }

    private boolean caughtUp() {
        return positions.caughtUp(CHANNEL).await().atMost(Duration.ofSeconds(10));
    }

    private static void awaitReady() {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().get("/q/health/ready")
                .then().statusCode(200).body("status", equalTo("UP")));
    }

    private static KafkaConsumer<String, String> otherInstance() {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfra.endpoints().kafkaBootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "token-service");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "second-instance-" + UUID.randomUUID());
        return new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
    }

    /** A record on the partition, which only the other instance reads; its offset. */
    private static long sendTo(TopicPartition partition) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfra.endpoints().kafkaBootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            return producer.send(new ProducerRecord<>(partition.topic(), partition.partition(), "second-instance",
                    "{\"not\":\"for this instance\"}")).get(30, TimeUnit.SECONDS).offset();
        }
    }
}

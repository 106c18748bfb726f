package dev.connectplane.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A secured broker (SASL/SCRAM principals, the ACLs of kafka-acls.txt) refuses what a principal
 * may not do: a service writing another's event topic (a forged event), a client writing an
 * event topic, a subscriber reading a private topic, a wrong password; and lets each do its part.
 */
class KafkaAclsTest {

    private static final List<String> TOPICS = List.of("connect.servers.events", "connect.access.events",
            "connect.servers.commands", "connect.access-changes", "connect.command-replies");

    @TempDir
    static Path dir;

    private static LocalInfra infra;
    private static KafkaBroker broker;

    @BeforeAll
    static void start() {
        infra = LocalInfra.start(dir, 0, 0, false, true, TOPICS, 1, KafkaSecurity.SECURED_WITH_OPEN_LISTENER);
        broker = infra.managedKafka().orElseThrow();
    }

    @AfterAll
    static void stop() {
        infra.close();
    }

    @Test
    void onlyTheOwningServiceWritesItsEventTopic() throws Exception {
        send("access-service", "connect.access.events");
        assertThatThrownBy(() -> send("server-service", "connect.access.events"))
                .as("server-service forging an access event").hasCauseInstanceOf(TopicAuthorizationException.class);
        send("server-service", "connect.servers.events");
    }

    @Test
    void clientsSendCommandsButNoEvents() throws Exception {
        send("connect-client", "connect.servers.commands");
        assertThatThrownBy(() -> send("connect-client", "connect.servers.events"))
                .hasCauseInstanceOf(TopicAuthorizationException.class);
    }

    @Test
    void subscribersReadThePublicStreamOnly() {
        assertThat(read("connect-subscriber", "connect.access-changes", "connect-subscriber-test")).isGreaterThanOrEqualTo(0);
        assertThatThrownBy(() -> read("connect-subscriber", "connect.servers.events", "connect-subscriber-test"))
                .isInstanceOf(TopicAuthorizationException.class);
        assertThatThrownBy(() -> read("connect-subscriber", "connect.access-changes", "someone-elses-group"))
                .isInstanceOf(GroupAuthorizationException.class);
    }

    /** What kcat builds on (librdkafka before 2.6.1) cannot do SCRAM with Kafka 4: the same passwords work with PLAIN. */
    @Test
    void plainSignInWorksWithTheSamePasswordAndTheSameAcls() throws Exception {
        Map<String, Object> config = client("connect-client");
        config.put("sasl.mechanism", "PLAIN");
        config.put("sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"connect-client\" "
                + "password=\"" + broker.credentials().orElseThrow().password("connect-client") + "\";");
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>("connect.servers.commands", "k", "v")).get(20, TimeUnit.SECONDS);
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>("connect.servers.events", "k", "v"))
                    .get(20, TimeUnit.SECONDS)).hasCauseInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    void aWrongPasswordIsRefused() {
        Map<String, Object> config = client("server-service");
        config.put("sasl.jaas.config", KafkaCredentials.scramJaas("server-service", "not-the-password"));
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>("connect.servers.events", "k", "v"))
                    .get(20, TimeUnit.SECONDS)).hasCauseInstanceOf(SaslAuthenticationException.class);
        }
    }

    @Test
    void theSecuredListenerTakesNoAnonymousClient() {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.securedBootstrapServers().orElseThrow());
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>("connect.servers.events", "k", "v"))
                    .get(20, TimeUnit.SECONDS)).isInstanceOf(Exception.class);
        }
    }

    private static void send(String principal, String topic) throws Exception {
        Map<String, Object> config = client(principal);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, "key", "value")).get(20, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new ExecutionException(e.getCause());
        }
    }

    private static int read(String principal, String topic, String group) {
        Map<String, Object> config = client(principal);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            return consumer.poll(Duration.ofSeconds(5)).count();
        }
    }

    private static Map<String, Object> client(String principal) {
        Map<String, Object> config = new HashMap<>(broker.credentials().orElseThrow().clientProperties(principal));
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.securedBootstrapServers().orElseThrow());
        return config;
    }
}

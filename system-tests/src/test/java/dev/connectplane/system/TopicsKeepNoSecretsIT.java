package dev.connectplane.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.connectplane.contracts.Topics;
import dev.connectplane.contracts.envelope.EventCodec;
import dev.connectplane.testing.CredentialScan;
import dev.connectplane.testing.ReplyKeys;
import dev.connectplane.testing.SharedInfra;
import dev.connectplane.testing.TestCommands;
import dev.connectplane.testing.TestIdentities;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * No credential on any topic: servers (with their credentials) and tokens are made over REST
 * and over Kafka (the token asked for with a reply key), a poison command with a manager's
 * bearer header is dead-lettered, and then every record of every topic (events, access changes,
 * SIEM copies, commands' replies, operations, dead letters), from the beginning to its end
 * now, is scanned: no JWT, no bearer value, none of the secrets handed out, in any key, value
 * or header. (Command topics themselves carry their callers' bearer headers by design: they are
 * what the scan leaves out.) Whatever other system test ran before on the shared stack is
 * scanned too.
 */
class TopicsKeepNoSecretsIT {

    private static final String MANAGER = TestIdentities.bearer("scan-admin", TestIdentities.MANAGERS_GROUP);
    private static final List<String> COMMAND_TOPICS = List.of(Topics.SERVER_COMMANDS, Topics.TOKEN_COMMANDS,
            Topics.ACCESS_COMMANDS);

    private static SystemStack stack;

    @BeforeAll
    static void start() throws Exception {
        stack = SystemStack.shared();
    }

    @Test
    void noTopicHoldsATokenACredentialSecretOrABearerJwt() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        StackHttp http = new StackHttp(MANAGER);
        List<String> secrets = new ArrayList<>();
        StackHttp.Answer server = http.post(stack.url("server-service") + "/v1/servers",
                "{\"name\":\"scan-" + run + "\",\"vaults\":[\"Kubernetes\"]}");
        assertThat(server.status()).as(server.body()).isEqualTo(201);
        JsonNode created = EventCodec.readTree(server.body());
        String serverId = created.at("/server/id").asText();
        secrets.add(created.at("/credentials/secret").asText());
        StackHttp.Answer token = awaitCreated(http, serverId);
        secrets.add(EventCodec.readTree(token.body()).path("token").asText());

        ReplyKeys replyKey = ReplyKeys.generate();
        try (TestCommands commands = new TestCommands()) {
            String commandId = commands.send(Topics.TOKEN_COMMANDS, "token.create", Map.of("name", "scan over kafka",
                    "server", serverId, "vaults", List.of("Kubernetes,r"), "reply_key", replyKey.publicJwk()), MANAGER);
            JsonNode reply = commands.awaitReply(commandId);
            assertThat(reply.path("type").asText()).as(reply.toString()).isEqualTo("connect.command.accepted.v1");
            secrets.add(replyKey.decrypt(reply.at("/data/result/token_jwe").asText()));
            commands.publish(Topics.SERVER_COMMANDS, "poison-" + run, "not a command " + run, MANAGER);
        }
        assertThat(secrets).hasSize(3).allSatisfy(secret -> assertThat(secret).hasSizeGreaterThan(30));

        Map<String, Integer> scanned = new HashMap<>();
        List<String> findings = new ArrayList<>();
        for (String topic : Topics.all()) {
            if (COMMAND_TOPICS.contains(topic)) {
                continue;
            }
            List<ConsumerRecord<String, String>> records = readWhole(topic);
            scanned.put(topic, records.size());
            for (ConsumerRecord<String, String> record : records) {
                findings.addAll(CredentialScan.findings(record));
                for (String secret : secrets) {
                    if (contains(record, secret)) {
                        findings.add(topic + "-" + record.partition() + "@" + record.offset() + ": a secret handed out");
                    }
                }
            }
        }
        System.out.printf("topics scanned for credentials: %s; findings: %d%n", scanned, findings.size());
        assertThat(scanned.get(Topics.deadLetter("server-service"))).as("the poison command was dead-lettered").isPositive();
        assertThat(scanned.get(Topics.COMMAND_REPLIES)).isPositive();
        assertThat(findings).isEmpty();
    }

    private static StackHttp.Answer awaitCreated(StackHttp http, String serverId) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        StackHttp.Answer answer;
        do {
            answer = http.post(stack.url("token-service") + "/v1/tokens",
                    "{\"name\":\"scan\",\"server\":\"" + serverId + "\",\"vaults\":[\"Kubernetes,r\"]}");
        } while (answer.status() != 201 && System.nanoTime() < deadline);
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        return answer;
    }

    private static boolean contains(ConsumerRecord<String, String> record, String secret) {
        if ((record.key() != null && record.key().contains(secret)) || (record.value() != null && record.value().contains(secret))) {
            return true;
        }
        for (Header header : record.headers()) {
            if (header.value() != null && new String(header.value(), StandardCharsets.UTF_8).contains(secret)) {
                return true;
            }
        }
        return false;
    }

    /** Every record of the topic from its beginning to its end as it is now. */
    private static List<ConsumerRecord<String, String>> readWhole(String topic) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfra.endpoints().kafkaBootstrapServers());
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties, new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(10));
            List<ConsumerRecord<String, String>> records = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!reachedEnds(consumer, ends) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            assertThat(reachedEnds(consumer, ends)).as("read " + topic + " to its end").isTrue();
            return records;
        }
    }

    private static boolean reachedEnds(KafkaConsumer<String, String> consumer, Map<TopicPartition, Long> ends) {
        return ends.entrySet().stream().allMatch(end -> consumer.position(end.getKey()) >= end.getValue());
    }
}

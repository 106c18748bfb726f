package dev.connectplane.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.connectplane.contracts.Topics;
import dev.connectplane.contracts.commands.Command;
import dev.connectplane.contracts.envelope.EventCodec;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Commands published on the real broker as another system would, and their replies read from
 * {@code connect.command-replies} (keyed by command ID).
 */
public final class TestCommands implements AutoCloseable {

    private final String bootstrapServers;
    private final Map<String, String> signIn;
    private final TopicProbe replies;

    /** On the tests' shared broker. */
    public TestCommands() {
        this(SharedInfra.endpoints().kafkaBootstrapServers());
    }

    /** On the broker at {@code bootstrapServers} (another stack's, such as compose's). */
    public TestCommands(String bootstrapServers) {
        this(bootstrapServers, Map.of());
    }

    /** On a secured broker, signed in with {@code signIn} (the SASL settings of {@code connect-client}). */
    public TestCommands(String bootstrapServers, Map<String, String> signIn) {
        this.bootstrapServers = bootstrapServers;
        this.signIn = Map.copyOf(signIn);
        this.replies = TopicProbe.onTopic(bootstrapServers, signIn, Topics.COMMAND_REPLIES);
    }

    /** Publishes a command with a fresh ID, as {@code authorization} (a header value, or null for none). */
    public String send(String topic, String type, Map<String, ?> payload, String authorization) {
        String commandId = "test-" + UUID.randomUUID();
        send(topic, commandId, type, payload, authorization);
        return commandId;
    }

    /** Publishes a command with the given ID (to repeat one), keyed by that ID. */
    public void send(String topic, String commandId, String type, Map<String, ?> payload, String authorization) {
        publish(topic, commandId, command(commandId, type, payload), authorization);
    }

    /** Publishes a command with a fresh ID under {@code key} (a server ID: its commands keep their order). */
    public String sendKeyed(String topic, String key, String type, Map<String, ?> payload, String authorization) {
        String commandId = "test-" + UUID.randomUUID();
        publish(topic, key, command(commandId, type, payload), authorization);
        return commandId;
    }

    private static String command(String commandId, String type, Map<String, ?> payload) {
        ObjectNode command = EventCodec.mapper().createObjectNode();
        command.put("command_id", commandId);
        command.put("type", type);
        command.set("payload", EventCodec.mapper().valueToTree(payload));
        return command.toString();
    }

    /** Publishes any value, command or not, on this instance's broker. */
    public void publish(String topic, String key, String value, String authorization) {
        TopicProbe.send(bootstrapServers, signIn, topic, key, value, headers(authorization));
    }

    /** Publishes any value, command or not, on the tests' shared broker. */
    public static void sendRaw(String topic, String key, String value, String authorization) {
        TopicProbe.send(topic, key, value, headers(authorization));
    }

    /**
     * Publishes a record that is not a command, with {@code authorization}, on {@code commandsTopic}
     * of the tests' broker, and returns it as it lands on {@code service}'s dead-letter topic.
     */
    public static ConsumerRecord<String, String> deadLetterOfNonCommand(String commandsTopic, String service,
                                                                        String authorization) {
        try (TopicProbe deadLetters = TopicProbe.onTopic(Topics.deadLetter(service))) {
            String marker = "not a command " + UUID.randomUUID();
            sendRaw(commandsTopic, "junk", marker, authorization);
            return deadLetters.awaitRecords(r -> marker.equals(r.value()), 1, Duration.ofSeconds(20)).get(0);
        }
    }

    private static Map<String, String> headers(String authorization) {
        Map<String, String> headers = new HashMap<>();
        if (authorization != null) {
            headers.put(Command.AUTHORIZATION_HEADER, authorization);
        }
        return headers;
    }

    /** The first reply to {@code commandId}, as the CloudEvent it is. */
    public JsonNode awaitReply(String commandId) {
        return awaitReplies(commandId, 1).get(0);
    }

    /** The first {@code count} replies to {@code commandId}. */
    public List<JsonNode> awaitReplies(String commandId, int count) {
        return replies.awaitRecords(r -> commandId.equals(r.key()), count, Duration.ofSeconds(30)).stream()
                .map(r -> EventCodec.readTree(r.value())).toList();
    }

    @Override
    public void close() {
        replies.close();
    }
}

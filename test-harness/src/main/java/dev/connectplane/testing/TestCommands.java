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

/**
 * Commands published on the real broker as another system would, and their replies read from
 * {@code connect.command-replies} (keyed by command ID).
 */
public final class TestCommands implements AutoCloseable {

    private final TopicProbe replies = TopicProbe.onTopic(Topics.COMMAND_REPLIES);

    /** Publishes a command with a fresh ID, as {@code authorization} (a header value, or null for none). */
    public String send(String topic, String type, Map<String, ?> payload, String authorization) {
        String commandId = "test-" + UUID.randomUUID();
        send(topic, commandId, type, payload, authorization);
        return commandId;
    }

    /** Publishes a command with the given ID (to repeat one). */
    public void send(String topic, String commandId, String type, Map<String, ?> payload, String authorization) {
        ObjectNode command = EventCodec.mapper().createObjectNode();
        command.put("command_id", commandId);
        command.put("type", type);
        command.set("payload", EventCodec.mapper().valueToTree(payload));
        sendRaw(topic, commandId, command.toString(), authorization);
    }

    /** Publishes any value, command or not. */
    public static void sendRaw(String topic, String key, String value, String authorization) {
        Map<String, String> headers = new HashMap<>();
        if (authorization != null) {
            headers.put(Command.AUTHORIZATION_HEADER, authorization);
        }
        TopicProbe.send(topic, key, value, headers);
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

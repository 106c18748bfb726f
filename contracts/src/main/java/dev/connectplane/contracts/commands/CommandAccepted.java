package dev.connectplane.contracts.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.connectplane.contracts.envelope.EventPayload;
import java.util.Objects;

/**
 * The reply to a command that took effect, on {@code connect.command-replies} keyed by the
 * command ID: the result as the REST API would show it. A repeated command ID gets this reply
 * again, without any secret the first one carried.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record CommandAccepted(String commandId, String commandType, JsonNode result) implements EventPayload {

    public CommandAccepted {
        Objects.requireNonNull(commandId, "commandId");
        Objects.requireNonNull(commandType, "commandType");
    }

    @Override
    public String subject() {
        return commandId;
    }

    @Override
    public String partitionKey() {
        return commandId;
    }
}

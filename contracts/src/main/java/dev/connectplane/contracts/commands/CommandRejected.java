package dev.connectplane.contracts.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.connectplane.contracts.envelope.EventPayload;
import java.util.Objects;

/**
 * The reply to a command that changed nothing, keyed by the command ID: the same RFC 9457
 * problem details the REST API would answer ({@code status} 400, 401, 403, 404, 409 or 422).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record CommandRejected(String commandId, String commandType, JsonNode problem) implements EventPayload {

    public CommandRejected {
        Objects.requireNonNull(commandId, "commandId");
        Objects.requireNonNull(problem, "problem");
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

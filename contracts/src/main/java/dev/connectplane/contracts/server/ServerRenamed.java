package dev.connectplane.contracts.server;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.connectplane.contracts.envelope.EventPayload;
import java.util.Objects;

/** A Connect server was renamed. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ServerRenamed(String serverId, String oldName, String newName) implements EventPayload {

    public ServerRenamed {
        Objects.requireNonNull(serverId, "serverId");
        Objects.requireNonNull(oldName, "oldName");
        Objects.requireNonNull(newName, "newName");
    }

    @Override
    public String subject() {
        return serverId;
    }

    @Override
    public String partitionKey() {
        return serverId;
    }
}

package dev.connectplane.contracts.server;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.connectplane.contracts.envelope.EventPayload;
import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * A Connect server was deleted: its credentials stop working at once, token-service revokes
 * all its tokens and access-service drops its grants.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ServerDeleted(String serverId, String name, OffsetDateTime deletedAt) implements EventPayload {

    public ServerDeleted {
        Objects.requireNonNull(serverId, "serverId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(deletedAt, "deletedAt");
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

package dev.connectplane.contracts.server;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.connectplane.contracts.common.VaultRef;
import dev.connectplane.contracts.envelope.EventPayload;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;

/**
 * A Connect server was created. {@code requestedVaults} are the vaults asked for at creation,
 * already checked against the vault directory; access-service grants them.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ServerCreated(String serverId, String name, String creatorId, OffsetDateTime createdAt,
                            List<VaultRef> requestedVaults) implements EventPayload {

    public ServerCreated {
        Objects.requireNonNull(serverId, "serverId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(creatorId, "creatorId");
        Objects.requireNonNull(createdAt, "createdAt");
        requestedVaults = requestedVaults == null ? List.of() : List.copyOf(requestedVaults);
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

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
 *
 * <p>{@code credentialVerifier} is the SHA-256 (hex) of the server's credential secret, so that
 * token-service can authenticate the server to introspection without asking server-service.
 * The secret has 256 random bits, so its hash does not let anyone recover or guess it. Absent
 * in events written before it existed.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ServerCreated(String serverId, String name, String creatorId, OffsetDateTime createdAt,
                            List<VaultRef> requestedVaults, String credentialVerifier) implements EventPayload {

    public ServerCreated {
        Objects.requireNonNull(serverId, "serverId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(creatorId, "creatorId");
        Objects.requireNonNull(createdAt, "createdAt");
        requestedVaults = requestedVaults == null ? List.of() : List.copyOf(requestedVaults);
    }

    /** A server created without a known credential verifier (events from before it existed, tests). */
    public ServerCreated(String serverId, String name, String creatorId, OffsetDateTime createdAt,
                         List<VaultRef> requestedVaults) {
        this(serverId, name, creatorId, createdAt, requestedVaults, null);
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

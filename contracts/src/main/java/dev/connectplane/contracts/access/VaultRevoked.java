package dev.connectplane.contracts.access;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.connectplane.contracts.envelope.EventPayload;
import java.util.Objects;

/**
 * A server lost its access to a vault. token-service trims the vault from every token of the
 * server for good: a later grant does not give it back to those tokens.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record VaultRevoked(String serverId, String vaultId, String vaultName, VaultRevocationReason reason)
        implements EventPayload {

    public VaultRevoked {
        Objects.requireNonNull(serverId, "serverId");
        Objects.requireNonNull(vaultId, "vaultId");
        Objects.requireNonNull(vaultName, "vaultName");
        Objects.requireNonNull(reason, "reason");
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

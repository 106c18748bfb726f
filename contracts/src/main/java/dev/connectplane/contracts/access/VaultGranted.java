package dev.connectplane.contracts.access;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.connectplane.contracts.envelope.EventPayload;
import java.util.Objects;

/** A server was granted access to a vault (read and write: a token may narrow it). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record VaultGranted(String serverId, String vaultId, String vaultName) implements EventPayload {

    public VaultGranted {
        Objects.requireNonNull(serverId, "serverId");
        Objects.requireNonNull(vaultId, "vaultId");
        Objects.requireNonNull(vaultName, "vaultName");
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

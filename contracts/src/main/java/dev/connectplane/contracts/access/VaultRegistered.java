package dev.connectplane.contracts.access;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.connectplane.contracts.envelope.EventPayload;
import java.util.Objects;

/** A vault entered the account directory (or its name or type changed: the latest event wins). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record VaultRegistered(String vaultId, String name, VaultType vaultType) implements EventPayload {

    public VaultRegistered {
        Objects.requireNonNull(vaultId, "vaultId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(vaultType, "vaultType");
    }

    @Override
    public String subject() {
        return vaultId;
    }

    @Override
    public String partitionKey() {
        return vaultId;
    }
}

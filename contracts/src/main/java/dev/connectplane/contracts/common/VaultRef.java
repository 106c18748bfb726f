package dev.connectplane.contracts.common;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Objects;

/** A vault as events name it: its ID, and its name at the time for readers such as the audit trail. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record VaultRef(String vaultId, String vaultName) {

    public VaultRef {
        Objects.requireNonNull(vaultId, "vaultId");
        Objects.requireNonNull(vaultName, "vaultName");
    }
}

package dev.connectplane.contracts.token;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.connectplane.contracts.common.VaultScope;
import dev.connectplane.contracts.envelope.EventPayload;
import java.util.List;
import java.util.Objects;

/**
 * A vault was removed from a token's scope because its server lost the vault. Permanent: a
 * later grant of the vault to the server does not restore it. {@code remainingVaults} may be
 * empty, leaving a token that grants nothing.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TokenScopeTrimmed(String tokenId, String serverId, String vaultId, String vaultName,
                                List<VaultScope> remainingVaults) implements EventPayload {

    public TokenScopeTrimmed {
        Objects.requireNonNull(tokenId, "tokenId");
        Objects.requireNonNull(serverId, "serverId");
        Objects.requireNonNull(vaultId, "vaultId");
        Objects.requireNonNull(vaultName, "vaultName");
        remainingVaults = remainingVaults == null ? List.of() : List.copyOf(remainingVaults);
    }

    @Override
    public String subject() {
        return tokenId;
    }

    @Override
    public String partitionKey() {
        return serverId;
    }
}

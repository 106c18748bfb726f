package dev.connectplane.contracts.token;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.connectplane.contracts.common.VaultScope;
import dev.connectplane.contracts.envelope.EventPayload;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;

/**
 * A token was issued for a server. Never carries the token itself: only its ID, scopes,
 * expiry ({@code null} when it does not expire) and the ID of the key that signed it.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TokenIssued(String tokenId, String serverId, String name, List<VaultScope> vaults,
                          OffsetDateTime issuedAt, OffsetDateTime expiresAt, String keyId)
        implements EventPayload {

    public TokenIssued {
        Objects.requireNonNull(tokenId, "tokenId");
        Objects.requireNonNull(serverId, "serverId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(keyId, "keyId");
        if (vaults == null || vaults.isEmpty()) {
            throw new IllegalArgumentException("a token has at least one vault");
        }
        vaults = List.copyOf(vaults);
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

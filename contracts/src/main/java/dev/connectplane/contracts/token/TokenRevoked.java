package dev.connectplane.contracts.token;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.connectplane.contracts.envelope.EventPayload;
import java.time.OffsetDateTime;
import java.util.Objects;

/** A token was revoked and no longer works. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TokenRevoked(String tokenId, String serverId, TokenRevocationReason reason, OffsetDateTime revokedAt)
        implements EventPayload {

    public TokenRevoked {
        Objects.requireNonNull(tokenId, "tokenId");
        Objects.requireNonNull(serverId, "serverId");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(revokedAt, "revokedAt");
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

package dev.connectplane.contracts.token;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.connectplane.contracts.envelope.EventPayload;
import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * A signing key was retired: the {@code tokens_inactive} active tokens it signed stop working,
 * each also revoked ({@code signing_key_retired}) with its own TokenRevoked and access change.
 * Keyed by the key's ID: no single server is involved.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SigningKeyRetired(String keyId, long tokensInactive, OffsetDateTime retiredAt) implements EventPayload {

    public SigningKeyRetired {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(retiredAt, "retiredAt");
        if (tokensInactive < 0) {
            throw new IllegalArgumentException("tokensInactive must not be negative");
        }
    }

    @Override
    public String subject() {
        return keyId;
    }

    @Override
    public String partitionKey() {
        return keyId;
    }
}

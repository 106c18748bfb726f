package dev.connectplane.contracts.token;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.connectplane.contracts.envelope.EventPayload;
import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * A new signing key signs new tokens; the previous one ({@code previous_key_id}, absent for the
 * first key) still verifies the tokens it signed until it is retired. Keyed by the new key's ID:
 * no server is involved.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SigningKeyRotated(String keyId, String previousKeyId, OffsetDateTime rotatedAt) implements EventPayload {

    public SigningKeyRotated {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(rotatedAt, "rotatedAt");
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

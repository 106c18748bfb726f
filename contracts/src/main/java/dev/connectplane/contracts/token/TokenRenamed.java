package dev.connectplane.contracts.token;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.connectplane.contracts.envelope.EventPayload;
import java.util.Objects;

/** A token was renamed; its access is unchanged. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TokenRenamed(String tokenId, String serverId, String oldName, String newName) implements EventPayload {

    public TokenRenamed {
        Objects.requireNonNull(tokenId, "tokenId");
        Objects.requireNonNull(serverId, "serverId");
        Objects.requireNonNull(oldName, "oldName");
        Objects.requireNonNull(newName, "newName");
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

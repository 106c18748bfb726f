package dev.connectplane.contracts.access;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.connectplane.contracts.envelope.EventPayload;
import java.util.Objects;

/** A group entered the account directory. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record GroupRegistered(String groupId, String name) implements EventPayload {

    public GroupRegistered {
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(name, "name");
    }

    @Override
    public String subject() {
        return groupId;
    }

    @Override
    public String partitionKey() {
        return groupId;
    }
}

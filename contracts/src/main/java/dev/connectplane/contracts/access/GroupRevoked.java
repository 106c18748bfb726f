package dev.connectplane.contracts.access;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.connectplane.contracts.envelope.EventPayload;
import java.util.Objects;

/**
 * A group grant was revoked: the mirror of {@link GroupGranted} with the same scope.
 * {@code serverId} is set exactly when the scope is {@code server}; the Kafka key is then the
 * server ID, otherwise the group ID.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record GroupRevoked(String groupId, String groupName, GrantScope scope, String serverId)
        implements EventPayload {

    public GroupRevoked {
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(groupName, "groupName");
        Objects.requireNonNull(scope, "scope");
        if ((scope == GrantScope.SERVER) != (serverId != null)) {
            throw new IllegalArgumentException("serverId must be set exactly when the scope is 'server'");
        }
    }

    @Override
    public String subject() {
        return groupId;
    }

    @Override
    public String partitionKey() {
        return serverId != null ? serverId : groupId;
    }
}

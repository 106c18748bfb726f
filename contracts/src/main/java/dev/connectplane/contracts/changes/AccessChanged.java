package dev.connectplane.contracts.changes;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.connectplane.contracts.common.VaultScope;
import dev.connectplane.contracts.envelope.EventPayload;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;

/**
 * The public access-change event on {@code connect.access-changes}: one per change in what a
 * token or server may access, keyed and ordered by server ID. Subscribers (Connect servers,
 * caches) act on {@code change}:
 * <ul>
 *   <li>{@code token_issued}: {@code token_id} and {@code vaults} (the new token's scope);</li>
 *   <li>{@code token_revoked}: {@code token_id} and {@code reason} ({@code deleted} or {@code server_deleted});</li>
 *   <li>{@code token_scope_trimmed}: {@code token_id}, {@code removed_vault_id} and {@code vaults} (what remains);</li>
 *   <li>{@code server_deleted}: only {@code server_id}: drop everything of that server.</li>
 * </ul>
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AccessChanged(AccessChangeKind change, String serverId, String tokenId, List<VaultScope> vaults,
                            String removedVaultId, String reason, OffsetDateTime effectiveAt)
        implements EventPayload {

    public AccessChanged {
        Objects.requireNonNull(change, "change");
        Objects.requireNonNull(serverId, "serverId");
        Objects.requireNonNull(effectiveAt, "effectiveAt");
        vaults = vaults == null ? null : List.copyOf(vaults);
    }

    @Override
    public String subject() {
        return tokenId != null ? tokenId : serverId;
    }

    @Override
    public String partitionKey() {
        return serverId;
    }
}

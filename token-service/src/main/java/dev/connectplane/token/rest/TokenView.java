package dev.connectplane.token.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.connectplane.contracts.common.Permission;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * A token as {@code connectctl token list|get} shows it; never the token itself.
 *
 * @param integrationId  the server's ID (the name {@code op connect token list} uses)
 * @param state          {@code active}, {@code expired} or {@code revoked}
 * @param vaults         the vaults it may use now, with permissions
 * @param trimmedVaults  vaults it lost because they were revoked from its server
 * @param lastCharacters the token's last characters, to tell tokens apart
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TokenView(String id, String name, String integrationId, String serverName, String state,
                        String revokeReason, List<Vault> vaults, List<TrimmedVault> trimmedVaults,
                        OffsetDateTime createdAt, OffsetDateTime expiresAt, OffsetDateTime revokedAt, String lastCharacters) {

    /** A vault scope. */
    public record Vault(String id, String name, List<Permission> acl) {
    }

    /** A vault the token lost for good. */
    public record TrimmedVault(String id, String name, OffsetDateTime trimmedAt) {
    }
}

package dev.connectplane.token.mapping;

import dev.connectplane.contracts.changes.AccessChangeKind;
import dev.connectplane.contracts.changes.AccessChanged;
import dev.connectplane.contracts.common.VaultScope;
import dev.connectplane.contracts.token.TokenIssued;
import dev.connectplane.contracts.token.TokenRenamed;
import dev.connectplane.contracts.token.TokenRevocationReason;
import dev.connectplane.contracts.token.TokenRevoked;
import dev.connectplane.contracts.token.TokenScopeTrimmed;
import dev.connectplane.token.repository.Token;
import dev.connectplane.token.repository.TokenVault;
import java.time.OffsetDateTime;
import java.util.List;

/** Maps tokens to the events of {@code connect.tokens.events} and {@code connect.access-changes}. */
public final class TokenEventMapper {

    private TokenEventMapper() {
    }

    public static List<VaultScope> scopes(List<TokenVault> vaults) {
        return vaults.stream().filter(vault -> !vault.isTrimmed())
                .map(vault -> new VaultScope(vault.key.vaultId, vault.vaultName, vault.acl()))
                .toList();
    }

    public static TokenIssued issued(Token token, List<TokenVault> vaults) {
        return new TokenIssued(token.id, token.serverId, token.name, scopes(vaults), token.createdAt, token.expiresAt,
                token.keyId);
    }

    public static AccessChanged issuedChange(Token token, List<TokenVault> vaults) {
        return new AccessChanged(AccessChangeKind.TOKEN_ISSUED, token.serverId, token.id, scopes(vaults), null, null,
                token.createdAt);
    }

    public static TokenRenamed renamed(Token token, String oldName) {
        return new TokenRenamed(token.id, token.serverId, oldName, token.name);
    }

    public static TokenRevoked revoked(String tokenId, String serverId, TokenRevocationReason reason, OffsetDateTime at) {
        return new TokenRevoked(tokenId, serverId, reason, at);
    }

    public static AccessChanged revokedChange(String tokenId, String serverId, TokenRevocationReason reason,
                                              OffsetDateTime at) {
        return new AccessChanged(AccessChangeKind.TOKEN_REVOKED, serverId, tokenId, null, null, reason.wireName(), at);
    }

    public static TokenScopeTrimmed trimmed(String tokenId, String serverId, String vaultId, String vaultName,
                                            List<VaultScope> remaining) {
        return new TokenScopeTrimmed(tokenId, serverId, vaultId, vaultName, remaining);
    }

    public static AccessChanged trimmedChange(String tokenId, String serverId, String vaultId, List<VaultScope> remaining,
                                              String reason, OffsetDateTime at) {
        return new AccessChanged(AccessChangeKind.TOKEN_SCOPE_TRIMMED, serverId, tokenId, remaining, vaultId, reason, at);
    }

    public static AccessChanged serverDeletedChange(String serverId, OffsetDateTime at) {
        return new AccessChanged(AccessChangeKind.SERVER_DELETED, serverId, null, null, null, "server_deleted", at);
    }
}

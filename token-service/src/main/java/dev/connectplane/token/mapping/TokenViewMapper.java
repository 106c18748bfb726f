package dev.connectplane.token.mapping;

import dev.connectplane.token.repository.TokenVault;
import dev.connectplane.token.rest.CreatedTokenView;
import dev.connectplane.token.rest.TokenView;
import dev.connectplane.token.service.IssuedToken;
import java.time.OffsetDateTime;
import java.util.List;

/** Maps tokens to the API's views. */
public final class TokenViewMapper {

    private TokenViewMapper() {
    }

    public static TokenView toView(IssuedToken issued, OffsetDateTime now) {
        var token = issued.token();
        String state = !token.isActive() ? "revoked" : token.isExpired(now) ? "expired" : "active";
        List<TokenView.Vault> vaults = issued.vaults().stream().filter(vault -> !vault.isTrimmed())
                .map(vault -> new TokenView.Vault(vault.key.vaultId, vault.vaultName, vault.acl())).toList();
        List<TokenView.TrimmedVault> trimmed = issued.vaults().stream().filter(TokenVault::isTrimmed)
                .map(vault -> new TokenView.TrimmedVault(vault.key.vaultId, vault.vaultName, vault.trimmedAt)).toList();
        return new TokenView(token.id, token.name, token.serverId, issued.server() == null ? null : issued.server().name,
                state, token.revokeReason == null ? null : token.revokeReason.wireName(), vaults,
                trimmed.isEmpty() ? null : trimmed, token.createdAt, token.expiresAt, token.revokedAt, token.secretTail);
    }

    public static CreatedTokenView toCreatedView(IssuedToken issued, OffsetDateTime now) {
        return new CreatedTokenView(toView(issued, now), issued.secret());
    }
}

package dev.connectplane.token.service;

import dev.connectplane.token.repository.KnownServer;
import dev.connectplane.token.repository.Token;
import dev.connectplane.token.repository.TokenVault;
import java.util.List;

/**
 * A token with its server and scopes, as the API shows it.
 *
 * @param secret the JWT, only right after creation; null otherwise
 */
public record IssuedToken(Token token, KnownServer server, List<TokenVault> vaults, String secret) {

    public IssuedToken withoutSecret() {
        return new IssuedToken(token, server, vaults, null);
    }

    @Override
    public String toString() {
        return "IssuedToken[" + token.id + ", server=" + token.serverId + ", secret=***]";
    }
}

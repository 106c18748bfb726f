package dev.connectplane.contracts.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * The payload of each {@link CommandType}. They carry what the REST request would (servers,
 * vaults, groups and tokens by ID or name); the examples under {@code contracts/commands/examples}
 * show each as a whole command.
 */
public final class CommandPayloads {

    private CommandPayloads() {
    }

    /**
     * {@code server.create}: the credentials document (with its secret) is in the reply only when
     * the command gives {@code reply_key}, a public JSON Web Key, and then only encrypted to it
     * ({@code credentials_jwe}); {@code return_credentials} without a key is refused.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record CreateServer(String name, List<String> vaults, Boolean returnCredentials, JsonNode replyKey) {

        /** Whether the command asks for the credentials document. */
        public boolean wantsSecret() {
            return replyKey != null || Boolean.TRUE.equals(returnCredentials);
        }
    }

    /** {@code server.edit}: rename. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record EditServer(String server, String name) {
    }

    /** {@code server.delete}. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record DeleteServer(String server) {
    }

    /** {@code vault.grant} and {@code vault.revoke}. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record VaultAccess(String server, String vault) {
    }

    /**
     * {@code group.grant} and {@code group.revoke}: on {@code server}, on all servers, or (neither)
     * as Secrets Automation managers.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record GroupAccess(String group, String server, Boolean allServers) {
    }

    /**
     * {@code token.create}: the token itself is in the reply only when the command gives
     * {@code reply_key}, a public JSON Web Key, and then only encrypted to it ({@code token_jwe});
     * {@code return_token} without a key is refused.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record CreateToken(String name, String server, List<String> vaults, String expiresIn, Boolean returnToken,
                              JsonNode replyKey) {

        /** Whether the command asks for the token. */
        public boolean wantsSecret() {
            return replyKey != null || Boolean.TRUE.equals(returnToken);
        }
    }

    /** {@code token.edit}: rename. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record EditToken(String server, String token, String name) {
    }

    /** {@code token.delete}: revoke. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record DeleteToken(String server, String token) {
    }
}

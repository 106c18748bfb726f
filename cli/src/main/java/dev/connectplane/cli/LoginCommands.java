package dev.connectplane.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code connectctl login} and {@code logout}: a session at the configured OpenID provider that
 * every command then uses by itself ({@code --token} and {@code CONNECT_TOKEN} still win). People
 * sign in with the device authorization grant; automation with client credentials
 * ({@code --client-id} and the secret from {@code --client-secret-file} or
 * {@value LoginSessions#CLIENT_SECRET_VARIABLE}). The provider is {@code --issuer}, else
 * {@code CONNECT_OIDC_ISSUER}, else the local stack's {@code oidc.issuer}.
 */
final class LoginCommands {

    private LoginCommands() {
    }

    @Command(name = "login", mixinStandardHelpOptions = true,
            description = "Sign in at the identity provider: in a browser, with a code (device authorization grant), "
                    + "or as automation with client credentials. Later commands use the session by itself.")
    static class Login implements Callable<Integer> {

        @Option(names = "--issuer", paramLabel = "URL",
                description = "The provider's issuer URL ($CONNECT_OIDC_ISSUER, then the local stack's).")
        String issuer;

        @Option(names = "--client-id", paramLabel = "ID",
                description = "The OAuth client ($CONNECT_OIDC_CLIENT_ID, then the local stack's, then connectctl).")
        String clientId;

        @Option(names = "--client-secret-file", paramLabel = "FILE",
                description = "Sign in with client credentials, the secret read from FILE (or from $"
                        + LoginSessions.CLIENT_SECRET_VARIABLE + ").")
        Path clientSecretFile;

        @Option(names = "--scope", paramLabel = "SCOPES", defaultValue = "openid",
                description = "The scopes asked for (default: ${DEFAULT-VALUE}).")
        String scope;

        @Override
        public Integer call() {
            String issuerUrl = first(issuer, GlobalOptions.environment.apply("CONNECT_OIDC_ISSUER"),
                    GlobalOptions.stackProperty("oidc.issuer")).orElseThrow(() -> new CliException(
                            "no identity provider: pass --issuer URL or set CONNECT_OIDC_ISSUER "
                                    + "(./connect-plane up --idp keycloak configures the local stack's)", 2));
            String client = first(clientId, GlobalOptions.environment.apply("CONNECT_OIDC_CLIENT_ID"),
                    GlobalOptions.stackProperty("oidc.client-id")).orElse("connectctl");
            OidcProvider provider = OidcProvider.discover(issuerUrl);
            String secretFile = clientSecretFile == null ? null : clientSecretFile.toAbsolutePath().toString();
            Optional<String> secret = LoginSessions.clientSecret(secretFile);
            Instant now = LoginSessions.clock.instant();
            LoginSession session;
            if (secret.isPresent()) {
                OidcProvider.TokenAnswer answer = OidcProvider.token(provider.tokenEndpoint(), Map.of(
                        "grant_type", "client_credentials", "client_id", client, "client_secret", secret.get(), "scope", scope));
                if (!answer.ok()) {
                    throw new CliException("the provider refused the client credentials of " + client + ": " + answer.describe());
                }
                session = LoginSession.clientCredentials(provider, client, answer.body(), now, secretFile);
            } else {
                JsonNode answer = DeviceLogin.run(provider, client, scope, System.out);
                session = LoginSession.deviceCode(provider, client, answer, LoginSessions.clock.instant());
            }
            Path stored = LoginSessions.save(session);
            System.out.println("Signed in to " + provider.issuer() + " as " + describe(session.accessToken())
                    + "; session in " + stored + " (renewed by itself; connectctl logout ends it)");
            return 0;
        }
    }

    @Command(name = "logout", mixinStandardHelpOptions = true,
            description = "End the login session: revoke its refresh token at the provider and remove it from this machine.")
    static class Logout implements Callable<Integer> {

        @Override
        public Integer call() {
            Optional<LoginSession> session = LoginSessions.load();
            if (session.isEmpty()) {
                System.out.println("Not signed in (no session in " + LoginSessions.file() + ")");
                return 0;
            }
            String revoked = "";
            if (session.get().refreshToken() != null) {
                try {
                    revoked = OidcProvider.discover(session.get().issuer())
                            .revoke(session.get().clientId(), session.get().refreshToken())
                            ? "; its refresh token is revoked at the provider" : "; the provider has no revocation endpoint";
                } catch (CliException unreachable) {
                    revoked = "; the provider could not be told (" + unreachable.getMessage() + ")";
                }
            }
            LoginSessions.delete();
            System.out.println("Signed out of " + session.get().issuer() + revoked);
            return 0;
        }
    }

    /** Who an access token names and their groups, read from its claims for display only (the services verify it). */
    static String describe(String accessToken) {
        String[] parts = accessToken.split("\\.");
        if (parts.length != 3) {
            return "(an opaque token)";
        }
        try {
            JsonNode claims = Api.JSON.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
            String user = claims.path("preferred_username").asText(claims.path("sub").asText("?"));
            List<String> groups = new ArrayList<>();
            claims.path("groups").forEach(group -> groups.add(group.asText()));
            return user + " (groups: " + (groups.isEmpty() ? "none" : String.join(", ", groups)) + ")";
        } catch (IOException | IllegalArgumentException e) {
            return "(a token whose claims cannot be read)";
        }
    }

    private static Optional<String> first(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return Optional.of(value.strip());
            }
        }
        return Optional.empty();
    }
}

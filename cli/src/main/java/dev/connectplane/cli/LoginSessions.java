package dev.connectplane.cli;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where the login session lives ({@code session.json}, mode 600, in a directory of mode 700:
 * {@code $CONNECTCTL_CONFIG_DIR}, else {@code $XDG_CONFIG_HOME/connectctl}, else
 * {@code ~/.config/connectctl}), and the access token a command sends: the stored one, renewed
 * first when it expires within {@link #RENEW_BEFORE}, by the refresh token (a person's login) or
 * by the client credentials again (automation's).
 */
final class LoginSessions {

    /** An access token expiring sooner than this is renewed before a command uses it. */
    static final Duration RENEW_BEFORE = Duration.ofSeconds(60);
    /** The environment variable holding a client secret, when no file is given. */
    static final String CLIENT_SECRET_VARIABLE = "CONNECT_OIDC_CLIENT_SECRET";

    /** The clock sessions are judged by (tests replace it). */
    static Clock clock = Clock.systemUTC();

    private LoginSessions() {
    }

    static Path file() {
        String configured = GlobalOptions.environment.apply("CONNECTCTL_CONFIG_DIR");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).resolve("session.json");
        }
        String xdg = GlobalOptions.environment.apply("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".config");
        return base.resolve("connectctl").resolve("session.json");
    }

    static Optional<LoginSession> load() {
        Path file = file();
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Api.JSON.readValue(Files.readString(file), LoginSession.class));
        } catch (IOException e) {
            throw new CliException("cannot read the login session " + file + " (" + e.getMessage()
                    + "): connectctl logout, then connectctl login", 2);
        }
    }

    /** Writes the session, readable by its owner only, replacing the old one at once. */
    static Path save(LoginSession session) {
        Path file = file();
        try {
            Path dir = file.getParent();
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            Path tmp = Files.createTempFile(dir, "session", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(tmp, Api.JSON.writeValueAsString(session));
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            return file;
        } catch (IOException e) {
            throw new CliException("cannot store the login session in " + file + ": " + e.getMessage());
        }
    }

    static boolean delete() {
        try {
            return Files.deleteIfExists(file());
        } catch (IOException e) {
            throw new CliException("cannot remove the login session " + file() + ": " + e.getMessage());
        }
    }

    /** The access token of the stored session, renewed first if it is about to expire; empty without a session. */
    static Optional<String> accessToken() {
        return load().map(LoginSessions::current).map(LoginSession::accessToken);
    }

    /** {@code session}, renewed and stored again if its access token expires within {@link #RENEW_BEFORE}. */
    static LoginSession current(LoginSession session) {
        Instant now = clock.instant();
        if (session.validFor(RENEW_BEFORE, now)) {
            return session;
        }
        Optional<Map<String, String>> renewal = renewal(session, now);
        if (renewal.isEmpty()) {
            return stillValidOrExpired(session, now, "it cannot be renewed");
        }
        OidcProvider.TokenAnswer answer;
        try {
            answer = OidcProvider.token(session.tokenEndpoint(), renewal.get());
        } catch (CliException unreachable) {
            return stillValidOrExpired(session, now, unreachable.getMessage());
        }
        if (!answer.ok()) {
            return stillValidOrExpired(session, now, "the provider refused to renew it (" + answer.describe() + ")");
        }
        LoginSession renewed = session.renewed(answer.body(), now);
        save(renewed);
        return renewed;
    }

    /** The token request that renews {@code session}, if it can be renewed. */
    private static Optional<Map<String, String>> renewal(LoginSession session, Instant now) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("client_id", session.clientId());
        if (session.grant() == LoginSession.Grant.DEVICE_CODE) {
            if (!session.refreshable(now)) {
                return Optional.empty();
            }
            form.put("grant_type", "refresh_token");
            form.put("refresh_token", session.refreshToken());
            return Optional.of(form);
        }
        Optional<String> secret = clientSecret(session.clientSecretFile());
        if (secret.isEmpty()) {
            return Optional.empty();
        }
        form.put("grant_type", "client_credentials");
        form.put("client_secret", secret.get());
        return Optional.of(form);
    }

    /** The client secret: from {@code file} if one is named, else from {@value #CLIENT_SECRET_VARIABLE}. */
    static Optional<String> clientSecret(String file) {
        if (file != null) {
            try {
                return Optional.of(Files.readString(Path.of(file)).strip()).filter(secret -> !secret.isEmpty());
            } catch (IOException e) {
                throw new CliException("cannot read the client secret file " + file + ": " + e.getMessage(), 2);
            }
        }
        return Optional.ofNullable(GlobalOptions.environment.apply(CLIENT_SECRET_VARIABLE)).filter(secret -> !secret.isBlank());
    }

    private static LoginSession stillValidOrExpired(LoginSession session, Instant now, String why) {
        if (session.validFor(Duration.ZERO, now)) {
            return session;
        }
        throw new CliException("the login session at " + session.issuer() + " has expired and " + why
                + ": run connectctl login", 2);
    }
}

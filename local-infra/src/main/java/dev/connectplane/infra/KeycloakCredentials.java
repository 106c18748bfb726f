package dev.connectplane.infra;

import java.nio.file.Path;
import java.util.List;

/**
 * The secrets of the local Keycloak, generated on first start into its state directory
 * ({@code .connect-plane/keycloak/credentials}, mode 600, never checked in): each realm user's
 * password ({@code <user>.password}), the automation client's secret
 * ({@value KeycloakRealm#AUTOMATION_CLIENT}{@code .secret}) and the bootstrap administrator's
 * password ({@value #ADMIN}{@code .password}, of the {@code master} realm).
 */
public final class KeycloakCredentials {

    /** The bootstrap administrator of Keycloak's {@code master} realm (not a user of ours). */
    public static final String ADMIN = "kc-admin";

    private final Path dir;

    private KeycloakCredentials(Path dir) {
        this.dir = dir;
    }

    public static KeycloakCredentials loadOrCreate(Path dir) {
        SecretFiles.ensure(dir, KeycloakRealm.USERS, ".password");
        SecretFiles.ensure(dir, List.of(ADMIN), ".password");
        SecretFiles.ensure(dir, List.of(KeycloakRealm.AUTOMATION_CLIENT), ".secret");
        return new KeycloakCredentials(dir);
    }

    public Path dir() {
        return dir;
    }

    /** The password of a realm user, or of {@link #ADMIN}. */
    public String password(String user) {
        return SecretFiles.read(passwordFile(user));
    }

    public Path passwordFile(String user) {
        if (!KeycloakRealm.USERS.contains(user) && !ADMIN.equals(user)) {
            throw new IllegalArgumentException("no Keycloak user " + user);
        }
        return dir.resolve(user + ".password");
    }

    /** The file holding the automation client's secret, for {@code connectctl login --client-secret-file}. */
    public Path clientSecretFile() {
        return dir.resolve(KeycloakRealm.AUTOMATION_CLIENT + ".secret");
    }

    public String clientSecret() {
        return SecretFiles.read(clientSecretFile());
    }
}

package dev.connectplane.server.service;

import dev.connectplane.foundation.secrets.SecretHashes;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Server credential secrets: 32 random bytes, shown once in the credentials document and kept
 * only as a SHA-256 hash. A fast hash is enough here because the secret has 256 bits of
 * entropy: there is nothing to guess, unlike a password.
 */
public final class Credentials {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Credentials() {
    }

    /** A new secret, base64url without padding (43 characters). */
    public static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static String hash(String secret) {
        return SecretHashes.sha256Hex(secret);
    }

    /** Compares a presented secret with a stored hash in constant time. */
    public static boolean matches(String secret, String storedHash) {
        return SecretHashes.matches(secret, storedHash);
    }
}

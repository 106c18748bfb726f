package dev.connectplane.foundation.secrets;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 of secrets (tokens, server credential secrets) and the constant-time comparison of a
 * presented secret with a stored hash. A fast hash is right here, unlike for passwords: these
 * secrets have far too much entropy to guess.
 */
public final class SecretHashes {

    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    });

    private SecretHashes() {
    }

    public static byte[] sha256(String secret) {
        return SHA256.get().digest(secret.getBytes(StandardCharsets.UTF_8));
    }

    public static String sha256Hex(String secret) {
        return HexFormat.of().formatHex(sha256(secret));
    }

    /** Whether the secret hashes to the stored hex hash, compared in constant time. */
    public static boolean matches(String secret, String storedHex) {
        if (secret == null || storedHex == null || storedHex.length() != 64) {
            return false;
        }
        byte[] stored;
        try {
            stored = HexFormat.of().parseHex(storedHex);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(sha256(secret), stored);
    }
}

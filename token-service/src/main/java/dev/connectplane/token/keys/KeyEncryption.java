package dev.connectplane.token.keys;

import dev.connectplane.token.config.TokenConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts signing keys at rest with AES-256-GCM under the configured key encryption key
 * ({@code connect.token.key-encryption-key}). Each ciphertext carries its own random 96-bit IV
 * in front; the key ID is bound in as associated data, so a ciphertext moved to another key's
 * row does not decrypt.
 */
@ApplicationScoped
public class KeyEncryption {

    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKey key;

    public KeyEncryption(TokenConfig config) {
        this.key = parse(config.keyEncryptionKey());
    }

    static SecretKey parse(String base64) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64 == null ? "" : base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("connect.token.key-encryption-key is not base64");
        }
        if (bytes.length != 32) {
            throw new IllegalStateException("connect.token.key-encryption-key must be 32 bytes (base64), it has "
                    + bytes.length);
        }
        return new SecretKeySpec(bytes, "AES");
    }

    public byte[] encrypt(byte[] plain, String kid) {
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(kid.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plain);
            return ByteBuffer.allocate(IV_BYTES + sealed.length).put(iv).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not encrypt signing key " + kid, e);
        }
    }

    public byte[] decrypt(byte[] stored, String kid) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, stored, 0, IV_BYTES));
            cipher.updateAAD(kid.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(stored, IV_BYTES, stored.length - IV_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing key " + kid
                    + " does not decrypt: is connect.token.key-encryption-key the key it was stored under?");
        }
    }
}

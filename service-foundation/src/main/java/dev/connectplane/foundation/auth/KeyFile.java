package dev.connectplane.foundation.auth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.lang.JoseException;

/** The issuer's keys in a file: one PEM public key (RSA or EC), or a JWKS document. */
final class KeyFile implements KeySource {

    private final Path file;

    KeyFile(String location) {
        this.file = Path.of(location.startsWith("file:") ? location.substring("file:".length()) : location);
    }

    @Override
    public CompletableFuture<List<JsonWebKey>> load() {
        try {
            return CompletableFuture.completedFuture(read(Files.readString(file)));
        } catch (IOException | GeneralSecurityException | JoseException | IllegalArgumentException e) {
            return CompletableFuture.failedFuture(new IllegalStateException(
                    "cannot read the issuer's public key from " + file + ": " + e.getMessage(), e));
        }
    }

    @Override
    public boolean refreshable() {
        return false;
    }

    @Override
    public String describe() {
        return "the key file " + file;
    }

    static List<JsonWebKey> read(String content) throws GeneralSecurityException, JoseException {
        String text = content.strip();
        if (text.startsWith("{")) {
            return new JsonWebKeySet(text).getJsonWebKeys();
        }
        byte[] der = Base64.getMimeDecoder().decode(text.replaceAll("-----[A-Z ]+-----", ""));
        return List.of(PublicJsonWebKey.Factory.newPublicJwk(publicKey(der)));
    }

    private static PublicKey publicKey(byte[] der) throws GeneralSecurityException {
        try {
            return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException notRsa) {
            return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(der));
        }
    }
}

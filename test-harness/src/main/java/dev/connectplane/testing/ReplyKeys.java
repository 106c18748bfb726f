package dev.connectplane.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.connectplane.contracts.envelope.EventCodec;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.jose4j.jwe.JsonWebEncryption;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.keys.EllipticCurves;
import org.jose4j.lang.JoseException;

/** A command sender's reply key: an EC P-256 key pair whose public JWK goes in {@code reply_key}. */
public final class ReplyKeys {

    private final EllipticCurveJsonWebKey key;

    private ReplyKeys(EllipticCurveJsonWebKey key) {
        this.key = key;
    }

    public static ReplyKeys generate() {
        try {
            EllipticCurveJsonWebKey key = EcJwkGenerator.generateJwk(EllipticCurves.P256);
            key.setKeyId("test-reply-key");
            return new ReplyKeys(key);
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The public JWK, as a command payload carries it. */
    public Map<String, Object> publicJwk() {
        return key.toParams(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
    }

    /** The public and private parts together: what a careless sender might put in {@code reply_key}. */
    public Map<String, Object> privateJwk() {
        return key.toParams(JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE);
    }

    /** The plaintext of a compact JWE encrypted to this key. */
    public String decrypt(String compactJwe) {
        try {
            JsonWebEncryption jwe = new JsonWebEncryption();
            jwe.setCompactSerialization(compactJwe);
            jwe.setKey(key.getPrivateKey());
            return jwe.getPlaintextString();
        } catch (JoseException e) {
            throw new IllegalStateException("not a JWE for this key", e);
        }
    }

    /** The JWE's protected header. */
    public static JsonNode header(String compactJwe) {
        String header = compactJwe.substring(0, compactJwe.indexOf('.'));
        return EventCodec.readTree(new String(Base64.getUrlDecoder().decode(header), StandardCharsets.UTF_8));
    }
}

package dev.connectplane.foundation.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import dev.connectplane.foundation.problem.ProblemException;
import java.security.interfaces.RSAPublicKey;
import org.jose4j.jwe.ContentEncryptionAlgorithmIdentifiers;
import org.jose4j.jwe.JsonWebEncryption;
import org.jose4j.jwe.KeyManagementAlgorithmIdentifiers;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.lang.JoseException;

/**
 * A secret a command asked for (a new token, a server's credentials document) travels over
 * Kafka only encrypted to the public key the command gave ({@code reply_key}, a JWK): a compact
 * JWE that only the holder of the private key can read, whoever else reads
 * {@code connect.command-replies}. EC keys (P-256, P-384, P-521) use {@code ECDH-ES+A256KW},
 * RSA keys (2048 bits or more) {@code RSA-OAEP-256}; the content is {@code A256GCM}, with jose4j,
 * the JOSE library the services also verify bearer tokens with.
 */
public final class ReplyEncryption {

    private static final int MIN_RSA_BITS = 2048;

    private ReplyEncryption() {
    }

    /** The usable public key in {@code replyKey}, or a 400 problem that says what is wrong with it. */
    public static PublicJsonWebKey requireUsable(JsonNode replyKey) {
        if (replyKey == null || !replyKey.isObject()) {
            throw invalid("reply_key must be a JSON Web Key object, e.g. {\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"…\",\"y\":\"…\"}");
        }
        if (replyKey.has("d") || replyKey.has("p") || replyKey.has("q")) {
            throw invalid("reply_key holds a private key: send only the public part (no \"d\"), and keep the private "
                    + "key to yourself");
        }
        PublicJsonWebKey key;
        try {
            JsonWebKey parsed = JsonWebKey.Factory.newJwk(replyKey.toString());
            if (!(parsed instanceof PublicJsonWebKey publicKey)) {
                throw invalid("reply_key must be an EC or RSA public key (kty EC or RSA)");
            }
            key = publicKey;
        } catch (JoseException | IllegalArgumentException e) {
            throw invalid("reply_key is not a usable JSON Web Key: " + e.getMessage());
        }
        if (key instanceof RsaJsonWebKey rsa
                && ((RSAPublicKey) rsa.getPublicKey()).getModulus().bitLength() < MIN_RSA_BITS) {
            throw invalid("reply_key is an RSA key shorter than " + MIN_RSA_BITS + " bits");
        }
        if (!(key instanceof EllipticCurveJsonWebKey) && !(key instanceof RsaJsonWebKey)) {
            throw invalid("reply_key must be an EC or RSA public key (kty EC or RSA)");
        }
        return key;
    }

    /**
     * Refuses (400) a command that asks for {@code secret} ({@code askedBy} is set, or a key is
     * given) without a usable {@code replyKey}: it travels over Kafka only encrypted.
     *
     * @param secret  what the reply would carry, e.g. "a token"
     * @param askedBy the payload field that asks for it, e.g. {@code return_token}
     */
    public static void requireKeyIfAsked(boolean asked, JsonNode replyKey, String secret, String askedBy) {
        if (asked && replyKey == null) {
            throw ProblemException.badRequest("reply-key-required", secret + " is sent over Kafka only encrypted to a key "
                    + "of yours: give reply_key (a public JWK, e.g. EC P-256) with " + askedBy
                    + ", or use REST to get it in clear");
        }
        if (replyKey != null) {
            requireUsable(replyKey);
        }
    }

    /** {@code plaintext} as a compact JWE to {@code replyKey}. */
    public static String encrypt(JsonNode replyKey, String plaintext) {
        PublicJsonWebKey key = requireUsable(replyKey);
        JsonWebEncryption jwe = new JsonWebEncryption();
        jwe.setAlgorithmHeaderValue(key instanceof RsaJsonWebKey
                ? KeyManagementAlgorithmIdentifiers.RSA_OAEP_256
                : KeyManagementAlgorithmIdentifiers.ECDH_ES_A256KW);
        jwe.setEncryptionMethodHeaderParameter(ContentEncryptionAlgorithmIdentifiers.AES_256_GCM);
        jwe.setKey(key.getPublicKey());
        if (key.getKeyId() != null) {
            jwe.setKeyIdHeaderValue(key.getKeyId());
        }
        jwe.setContentTypeHeaderValue("text/plain");
        jwe.setPlaintext(plaintext);
        try {
            return jwe.getCompactSerialization();
        } catch (JoseException e) {
            throw invalid("the secret could not be encrypted to reply_key: " + e.getMessage());
        }
    }

    private static ProblemException invalid(String detail) {
        return ProblemException.badRequest("invalid-reply-key", detail);
    }
}

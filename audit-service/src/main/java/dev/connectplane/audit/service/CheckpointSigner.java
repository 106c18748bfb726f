package dev.connectplane.audit.service;

import dev.connectplane.contracts.audit.AuditCheckpointed;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.OffsetDateTime;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.keys.EllipticCurves;
import org.jose4j.lang.JoseException;

/**
 * Signs checkpoints of the audit chain with an ES256 key kept in a file, apart from the
 * database: a private JWK (EC P-256). When the file does not exist it is created, mode 600, with
 * a new key, atomically, so that instances starting together end up with the same one. The key ID
 * is the key's JWK thumbprint (RFC 7638). Signatures are compact JWS with detached content over
 * {@link AuditCheckpointed#signingInput()}.
 */
public final class CheckpointSigner {

    private final PublicJsonWebKey key;

    private CheckpointSigner(PublicJsonWebKey key) {
        this.key = key;
    }

    /** The key in {@code file}, made there first if there is none. */
    public static CheckpointSigner fromFile(Path file) {
        try {
            if (!Files.exists(file)) {
                create(file);
            }
            PublicJsonWebKey key = PublicJsonWebKey.Factory.newPublicJwk(Files.readString(file, StandardCharsets.UTF_8));
            if (key.getPrivateKey() == null || !"EC".equals(key.getKeyType())) {
                throw new IllegalStateException(file + " is not a private EC JWK: the audit checkpoint key must be one");
            }
            key.setKeyId(key.calculateBase64urlEncodedThumbprint("SHA-256"));
            return new CheckpointSigner(key);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the audit checkpoint key " + file, e);
        } catch (JoseException e) {
            throw new IllegalStateException("the audit checkpoint key " + file + " is not a JWK: " + e.getMessage(), e);
        }
    }

    private static void create(Path file) throws IOException, JoseException {
        PublicJsonWebKey generated = EcJwkGenerator.generateJwk(EllipticCurves.P256);
        Path directory = file.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        Path temporary = Files.createTempFile(directory, ".checkpoint-key", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(temporary, generated.toJson(JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE));
        try {
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException e) {
            Files.deleteIfExists(temporary);
        }
    }

    public String keyId() {
        return key.getKeyId();
    }

    /** The signature of a checkpoint of position {@code seq}. */
    public String sign(long seq, String headHash, OffsetDateTime at) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
        jws.setKeyIdHeaderValue(key.getKeyId());
        jws.setKey(key.getPrivateKey());
        jws.setPayload(AuditCheckpointed.signingInput(seq, headHash, at));
        try {
            return jws.getDetachedContentCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("cannot sign an audit checkpoint", e);
        }
    }

    /** Whether {@code checkpoint} was signed by this key, over what it says. */
    public boolean verifies(AuditCheckpointed checkpoint) {
        try {
            JsonWebSignature jws = new JsonWebSignature();
            jws.setCompactSerialization(checkpoint.signature());
            jws.setPayload(checkpoint.signingInput());
            if (!AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256.equals(jws.getAlgorithmHeaderValue())
                    || !key.getKeyId().equals(jws.getKeyIdHeaderValue())) {
                return false;
            }
            jws.setKey(key.getPublicKey());
            return jws.verifySignature();
        } catch (JoseException e) {
            return false;
        }
    }

    /** The public key as a JWK Set, for anyone who verifies checkpoints from the topic. */
    public String publicJwks() {
        try {
            PublicJsonWebKey publicOnly = PublicJsonWebKey.Factory.newPublicJwk(key.getPublicKey());
            publicOnly.setKeyId(key.getKeyId());
            publicOnly.setAlgorithm(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
            publicOnly.setUse("sig");
            return new JsonWebKeySet(publicOnly).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }
}

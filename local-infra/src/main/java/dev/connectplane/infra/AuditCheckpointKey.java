package dev.connectplane.infra;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;

/**
 * Writes a new ES256 key for audit-service's chain checkpoints as a private JWK (EC P-256), for
 * deployments that hand it to the service instead of letting it make one (docker compose, where
 * every replica must sign with the same key): {@code AuditCheckpointKey FILE [MODE]}. Keeps a file
 * that exists.
 */
public final class AuditCheckpointKey {

    private AuditCheckpointKey() {
    }

    public static void main(String[] args) throws IOException, GeneralSecurityException {
        if (args.length < 1) {
            System.err.println("usage: AuditCheckpointKey FILE [rw-r--r--]");
            System.exit(2);
        }
        Path file = Path.of(args[0]);
        if (Files.exists(file)) {
            System.out.println(file + " exists; keeping it");
            return;
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, privateJwk());
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(args.length > 1 ? args[1] : "rw-------"));
        System.out.println("wrote " + file);
    }

    /** A new P-256 key pair as a private JWK: {@code {"kty":"EC","crv":"P-256","x":…,"y":…,"d":…}}. */
    static String privateJwk() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = generator.generateKeyPair();
        ECPublicKey publicKey = (ECPublicKey) pair.getPublic();
        ECPrivateKey privateKey = (ECPrivateKey) pair.getPrivate();
        return "{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"" + coordinate(publicKey.getW().getAffineX()) + "\",\"y\":\""
                + coordinate(publicKey.getW().getAffineY()) + "\",\"d\":\"" + coordinate(privateKey.getS()) + "\"}";
    }

    private static String coordinate(BigInteger value) {
        byte[] raw = value.toByteArray();
        byte[] fixed = new byte[32];
        int length = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - length, fixed, 32 - length, length);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(fixed);
    }
}

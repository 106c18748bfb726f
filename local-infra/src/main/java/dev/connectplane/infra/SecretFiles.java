package dev.connectplane.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collection;

/**
 * Generated secrets of the local stack, one file each (mode 600) in a directory of its state:
 * created with 24 random bytes on first use, read back afterwards, never checked in. The Kafka
 * principals' passwords and Keycloak's users and clients keep theirs this way.
 */
final class SecretFiles {

    private static final SecureRandom RANDOM = new SecureRandom();

    private SecretFiles() {
    }

    /** Creates {@code dir/<name><suffix>} for every name that has none yet. */
    static void ensure(Path dir, Collection<String> names, String suffix) {
        try {
            Files.createDirectories(dir);
            for (String name : names) {
                Path file = dir.resolve(name + suffix);
                if (!Files.exists(file)) {
                    byte[] secret = new byte[24];
                    RANDOM.nextBytes(secret);
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                    Files.writeString(file, Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the generated secrets in " + dir, e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

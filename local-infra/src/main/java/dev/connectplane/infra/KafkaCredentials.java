package dev.connectplane.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The SCRAM passwords of a secured broker's principals: one file each ({@code <principal>.password},
 * mode 600) in a directory of the stack's state ({@code .connect-plane/infra/kafka-credentials}),
 * generated on first start and never checked in. Services get their own through
 * {@code CONNECT_KAFKA_USERNAME} and {@code CONNECT_KAFKA_PASSWORD_FILE}.
 */
public final class KafkaCredentials {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path dir;
    private final List<String> principals;

    private KafkaCredentials(Path dir, List<String> principals) {
        this.dir = dir;
        this.principals = principals;
    }

    /** The credentials kept in {@code dir}, generating a password for each principal that has none. */
    public static KafkaCredentials loadOrCreate(Path dir, Collection<String> principals) {
        try {
            Files.createDirectories(dir);
            for (String principal : principals) {
                Path file = dir.resolve(principal + ".password");
                if (!Files.exists(file)) {
                    byte[] secret = new byte[24];
                    RANDOM.nextBytes(secret);
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                    Files.writeString(file, Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
                }
            }
            return new KafkaCredentials(dir, List.copyOf(principals));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the Kafka credentials in " + dir, e);
        }
    }

    public Path dir() {
        return dir;
    }

    public List<String> principals() {
        return principals;
    }

    public Path passwordFile(String principal) {
        if (!principals.contains(principal)) {
            throw new IllegalArgumentException("no Kafka principal " + principal);
        }
        return dir.resolve(principal + ".password");
    }

    public String password(String principal) {
        try {
            return Files.readString(passwordFile(principal)).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The client settings (SASL/SCRAM over plaintext) that sign in as {@code principal}. */
    public Map<String, String> clientProperties(String principal) {
        return Map.of("security.protocol", "SASL_PLAINTEXT", "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config", scramJaas(principal, password(principal)));
    }

    static String scramJaas(String principal, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + principal
                + "\" password=\"" + password + "\";";
    }
}

package dev.connectplane.infra;

import java.nio.file.Path;
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

    private final Path dir;
    private final List<String> principals;

    private KafkaCredentials(Path dir, List<String> principals) {
        this.dir = dir;
        this.principals = principals;
    }

    /** The credentials kept in {@code dir}, generating a password for each principal that has none. */
    public static KafkaCredentials loadOrCreate(Path dir, Collection<String> principals) {
        SecretFiles.ensure(dir, principals, ".password");
        return new KafkaCredentials(dir, List.copyOf(principals));
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
        return SecretFiles.read(passwordFile(principal));
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

package dev.connectplane.foundation.kafka;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.Function;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Signs every Kafka client of the service in as its own principal: with
 * {@code connect.kafka.username} ({@code CONNECT_KAFKA_USERNAME}) and its password
 * ({@code CONNECT_KAFKA_PASSWORD_FILE}, or {@code CONNECT_KAFKA_PASSWORD}) this writes the
 * {@code kafka.*} settings of SASL/SCRAM-SHA-512 (over {@code SASL_PLAINTEXT}, or
 * {@code connect.kafka.security-protocol}), which SmallRye gives every channel, dead-letter
 * producer and emitter, and which the relay's producer and the operators' clients copy. Without
 * a username nothing is written and the broker must be open. A service's
 * {@code application.properties} still wins over these.
 */
public class KafkaSignIn implements ConfigSourceFactory {

    static final String USERNAME = "connect.kafka.username";
    static final String PASSWORD = "connect.kafka.password";
    static final String PASSWORD_FILE = "connect.kafka.password-file";
    static final String PROTOCOL = "connect.kafka.security-protocol";
    private static final int PRIORITY = 150;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        return List.of(new PropertiesConfigSource(properties(name -> valueOf(context, name)), "connect kafka sign-in",
                PRIORITY));
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(PRIORITY);
    }

    /** The {@code kafka.*} settings for what {@code config} gives (a name to its value, or null). */
    static Map<String, String> properties(Function<String, String> config) {
        String username = config.apply(USERNAME);
        if (username == null || username.isBlank()) {
            return Map.of();
        }
        String password = password(config);
        String protocol = config.apply(PROTOCOL);
        return Map.of(
                "kafka.security.protocol", protocol == null || protocol.isBlank() ? "SASL_PLAINTEXT" : protocol.strip(),
                "kafka.sasl.mechanism", "SCRAM-SHA-512",
                "kafka.sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                        + quoted(username.strip()) + "\" password=\"" + quoted(password) + "\";");
    }

    private static String password(Function<String, String> config) {
        String file = config.apply(PASSWORD_FILE);
        if (file != null && !file.isBlank()) {
            try {
                return Files.readString(Path.of(file.strip())).strip();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the Kafka password file " + file, e);
            }
        }
        String password = config.apply(PASSWORD);
        if (password == null || password.isEmpty()) {
            throw new IllegalStateException(USERNAME + " is set but neither " + PASSWORD_FILE + " (CONNECT_KAFKA_PASSWORD_FILE) "
                    + "nor " + PASSWORD + " (CONNECT_KAFKA_PASSWORD) is");
        }
        return password;
    }

    /** A value inside a JAAS double-quoted string. */
    private static String quoted(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static String valueOf(ConfigSourceContext context, String name) {
        ConfigValue value = context.getValue(name);
        return value == null ? null : value.getValue();
    }
}

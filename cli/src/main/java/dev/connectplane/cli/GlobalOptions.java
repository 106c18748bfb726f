package dev.connectplane.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Option;

/**
 * What every command takes: the caller's bearer token and the API addresses.
 * Each comes from its flag, else from the environment, else from the files the local stack writes
 * ({@code .connect-plane/admin-token} and {@code .connect-plane/connectctl.properties}, looked for
 * from the current directory upwards, or under {@code CONNECT_PLANE_HOME}), else the defaults.
 */
public class GlobalOptions {

    @Option(names = "--token", paramLabel = "JWT", description = "Bearer token of the caller (default: $CONNECT_TOKEN, "
            + "then the session of connectctl login, then the local stack's admin identity).")
    String token;

    @Option(names = "--server-api", paramLabel = "URL", description = "server-service address ($CONNECT_SERVER_API).")
    String serverApi;

    @Option(names = "--access-api", paramLabel = "URL", description = "access-service address ($CONNECT_ACCESS_API).")
    String accessApi;

    @Option(names = "--token-api", paramLabel = "URL", description = "token-service address ($CONNECT_TOKEN_API).")
    String tokenApi;

    @Option(names = "--audit-api", paramLabel = "URL", description = "audit-service address ($CONNECT_AUDIT_API).")
    String auditApi;

    @Option(names = "--kafka", paramLabel = "HOST:PORT", description = "Kafka bootstrap servers, for changes watch "
            + "($CONNECT_KAFKA_BOOTSTRAP_SERVERS).")
    String kafka;

    /** Where settings are looked up: the process environment and working directory (tests replace them). */
    static UnaryOperator<String> environment = System::getenv;
    static Path workingDirectory = Path.of("");

    private static final Map<String, String> DEFAULTS = Map.of("server", "http://127.0.0.1:8081",
            "access", "http://127.0.0.1:8082", "token", "http://127.0.0.1:8083", "audit", "http://127.0.0.1:8084",
            "kafka", "127.0.0.1:9092");

    /** The base URL of a service: {@code server}, {@code access}, {@code token} or {@code audit}. */
    String url(String service) {
        String flag = switch (service) {
            case "server" -> serverApi;
            case "access" -> accessApi;
            case "token" -> tokenApi;
            case "audit" -> auditApi;
            default -> throw new IllegalArgumentException(service);
        };
        return strip(first(flag, environment.apply("CONNECT_" + service.toUpperCase() + "_API"),
                stackProperties().getProperty(service), DEFAULTS.get(service)));
    }

    String kafka() {
        return first(kafka, environment.apply("CONNECT_KAFKA_BOOTSTRAP_SERVERS"), stackProperties().getProperty("kafka"),
                DEFAULTS.get("kafka"));
    }

    /**
     * The SASL/SCRAM settings of a secured broker, for {@code changes watch}: the principal from
     * {@code CONNECT_KAFKA_USERNAME} (or the local stack's {@code kafka.username}, its subscriber)
     * and its password from {@code CONNECT_KAFKA_PASSWORD_FILE} / {@code CONNECT_KAFKA_PASSWORD}
     * (or the stack's {@code kafka.password-file}); none for an open broker.
     */
    Map<String, String> kafkaSignIn() {
        Properties stack = stackProperties();
        String username = first(environment.apply("CONNECT_KAFKA_USERNAME"), stack.getProperty("kafka.username"));
        if (username == null || username.isBlank()) {
            return Map.of();
        }
        String passwordFile = first(environment.apply("CONNECT_KAFKA_PASSWORD_FILE"), stack.getProperty("kafka.password-file"));
        String password;
        try {
            password = passwordFile != null && !passwordFile.isBlank() ? Files.readString(Path.of(passwordFile)).strip()
                    : environment.apply("CONNECT_KAFKA_PASSWORD");
        } catch (IOException e) {
            throw new CliException("cannot read the Kafka password file " + passwordFile + ": " + e.getMessage());
        }
        if (password == null || password.isEmpty()) {
            throw new CliException("CONNECT_KAFKA_USERNAME is set but no password: set CONNECT_KAFKA_PASSWORD_FILE", 2);
        }
        return Map.of("security.protocol", "SASL_PLAINTEXT", "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                        + username.strip() + "\" password=\"" + password.replace("\\", "\\\\").replace("\"", "\\\"") + "\";");
    }

    /**
     * The {@code Authorization} value: {@code --token}, else {@code CONNECT_TOKEN}, else the
     * session of {@code connectctl login} (renewed first when it is about to expire), else the
     * local stack's admin identity; or a clear error when no identity is known.
     */
    String authorization() {
        String value = first(token, environment.apply("CONNECT_TOKEN"));
        if (value == null) {
            value = LoginSessions.accessToken().orElseGet(() -> stackFile("admin-token"));
        }
        if (value == null || value.isBlank()) {
            throw new CliException("no identity: pass --token, set CONNECT_TOKEN, run connectctl login, or start the "
                    + "local stack (./connect-plane up writes an admin identity)", 2);
        }
        return "Bearer " + value.strip();
    }

    /** A setting of the local stack's {@code connectctl.properties}, or null. */
    static String stackProperty(String name) {
        return stackProperties().getProperty(name);
    }

    /** Whether results are printed as JSON; only {@link OutputOptions} says yes. */
    boolean json() {
        return false;
    }

    private static Properties stackProperties() {
        Properties properties = new Properties();
        Path file = stackDirectory().map(dir -> dir.resolve("connectctl.properties")).orElse(null);
        if (file != null && Files.isReadable(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                properties.load(in);
            } catch (IOException e) {
                throw new CliException("cannot read " + file + ": " + e.getMessage());
            }
        }
        return properties;
    }

    private static String stackFile(String name) {
        return stackDirectory().map(dir -> dir.resolve(name)).filter(Files::isReadable).map(file -> {
            try {
                return Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new CliException("cannot read " + file + ": " + e.getMessage());
            }
        }).orElse(null);
    }

    private static Optional<Path> stackDirectory() {
        String home = environment.apply("CONNECT_PLANE_HOME");
        if (home != null && !home.isBlank()) {
            return Optional.of(Path.of(home).resolve(".connect-plane"));
        }
        for (Path dir = workingDirectory.toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve(".connect-plane"))) {
                return Optional.of(dir.resolve(".connect-plane"));
            }
        }
        return Optional.empty();
    }

    private static String first(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }

    private static String strip(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}

package dev.connectplane.system;

import dev.connectplane.infra.AuditCheckpointKey;
import dev.connectplane.infra.KafkaAclPlan;
import dev.connectplane.infra.LocalInfra;
import dev.connectplane.testing.TestIdentities;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.containers.ComposeContainer;
import org.testcontainers.containers.wait.strategy.Wait;

/**
 * {@code docker-compose.yml} brought up as users would ({@code docker compose up --build}, through
 * Testcontainers' {@link ComposeContainer} and the machine's {@code docker compose}), waited for
 * until the gateway answers each service's readiness, then {@link ConnectctlStory} against it.
 * Runs only where a Docker engine answers, and is skipped elsewhere saying so
 * ({@link RequiresDocker}); StackDefinitionsTest
 * checks the compose file statically everywhere.
 *
 * <p>The services trust the tests' issuer (its key directory is mounted through
 * {@code CONNECT_ISSUER_DIR}); the broker is reached from this host on a free port
 * ({@code CONNECT_KAFKA_HOST_PORT}), signed in as {@code connect-client} and
 * {@code connect-subscriber} with passwords made here as {@code ./connect-plane compose-env} would. The gateway publishes 8081–8084 and PostgreSQL 5432, as
 * the compose file does for users: those ports must be free on the Docker host.
 */
class ComposeSmokeIT {

    private static final Map<String, Integer> PORTS = Map.of("server-service", 8081, "access-service", 8082,
            "token-service", 8083, "audit-service", 8084);
    private static final Duration STARTUP = Duration.ofMinutes(10);

    @TempDir
    Path work;

    @Test
    @ExtendWith(RequiresDocker.class)
    void theConnectctlStoryRunsAgainstCompose() throws Exception {
        int kafkaPort = LocalInfra.freePort();
        Map<String, String> passwords = new HashMap<>();
        KafkaAclPlan.principals().forEach(principal -> passwords.put(principal, randomSecret(24)));
        ComposeContainer compose = compose(kafkaPort, passwords);
        compose.start();
        try {
            new ConnectctlStory(new ConnectctlStory.Target() {
                @Override
                public String url(String service) {
                    int port = PORTS.get(service);
                    return "http://" + compose.getServiceHost("gateway", port) + ":" + compose.getServicePort("gateway", port);
                }

                @Override
                public String kafkaBootstrapServers() {
                    return "localhost:" + kafkaPort;
                }

                @Override
                public Map<String, String> kafkaSignIn(String principal) {
                    return Map.of("security.protocol", "SASL_PLAINTEXT", "sasl.mechanism", "SCRAM-SHA-512",
                            "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                                    + principal + "\" password=\"" + passwords.get(principal) + "\";");
                }

                @Override
                public Map<String, String> connectctlKafkaEnvironment(String principal) {
                    return Map.of("CONNECT_KAFKA_USERNAME", principal, "CONNECT_KAFKA_PASSWORD", passwords.get(principal));
                }
            }, work).run();
        } finally {
            compose.stop();
        }
    }

    private static String randomSecret(int bytes) {
        byte[] secret = new byte[bytes];
        new SecureRandom().nextBytes(secret);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    /** The stack as compose-env would give it: a password per Kafka principal, a key encryption key, a checkpoint key. */
    private static ComposeContainer compose(int kafkaPort, Map<String, String> passwords) throws Exception {
        Path root = Path.of(System.getProperty("connect.root", "..")).toAbsolutePath().normalize();
        Path checkpointKey = root.resolve("system-tests/target/compose-audit/checkpoint-key.jwk");
        AuditCheckpointKey.main(new String[] {checkpointKey.toString(), "rw-r--r--"});
        byte[] kek = new byte[32];
        new SecureRandom().nextBytes(kek);
        ComposeContainer compose = new ComposeContainer(root.resolve("docker-compose.yml").toFile())
                .withBuild(true)
                .withEnv("CONNECT_ISSUER_DIR", TestIdentities.issuer().publicKeyFile().getParent().toString())
                .withEnv("CONNECT_TOKEN_KEY_ENCRYPTION_KEY", Base64.getEncoder().encodeToString(kek))
                .withEnv("CONNECT_KAFKA_HOST_PORT", String.valueOf(kafkaPort))
                .withEnv("CONNECT_AUDIT_CHECKPOINT_KEY", checkpointKey.toString())
                .withStartupTimeout(STARTUP);
        passwords.forEach((principal, password) -> compose.withEnv(
                "CONNECT_KAFKA_PASSWORD_" + principal.toUpperCase(Locale.ROOT).replace('-', '_'), password));
        PORTS.values().forEach(port -> compose.withExposedService("gateway", port,
                Wait.forHttp("/q/health/ready").forStatusCode(200).withStartupTimeout(STARTUP)));
        return compose;
    }
}

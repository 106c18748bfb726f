package dev.connectplane.system;

import dev.connectplane.infra.LocalInfra;
import dev.connectplane.testing.TestIdentities;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
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
 * ({@code CONNECT_KAFKA_HOST_PORT}). The gateway publishes 8081–8084 and PostgreSQL 5432, as
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
        ComposeContainer compose = compose(kafkaPort);
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
            }, work).run();
        } finally {
            compose.stop();
        }
    }

    private static ComposeContainer compose(int kafkaPort) {
        Path root = Path.of(System.getProperty("connect.root", "..")).toAbsolutePath().normalize();
        byte[] kek = new byte[32];
        new SecureRandom().nextBytes(kek);
        ComposeContainer compose = new ComposeContainer(root.resolve("docker-compose.yml").toFile())
                .withBuild(true)
                .withEnv("CONNECT_ISSUER_DIR", TestIdentities.issuer().publicKeyFile().getParent().toString())
                .withEnv("CONNECT_TOKEN_KEY_ENCRYPTION_KEY", Base64.getEncoder().encodeToString(kek))
                .withEnv("CONNECT_KAFKA_HOST_PORT", String.valueOf(kafkaPort))
                .withStartupTimeout(STARTUP);
        PORTS.values().forEach(port -> compose.withExposedService("gateway", port,
                Wait.forHttp("/q/health/ready").forStatusCode(200).withStartupTimeout(STARTUP)));
        return compose;
    }
}

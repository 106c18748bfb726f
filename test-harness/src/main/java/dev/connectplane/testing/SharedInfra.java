package dev.connectplane.testing;

import dev.connectplane.contracts.Topics;
import dev.connectplane.infra.Endpoints;
import dev.connectplane.infra.KafkaBroker;
import dev.connectplane.infra.KafkaSecurity;
import dev.connectplane.infra.KeycloakServer;
import dev.connectplane.infra.LocalInfra;
import dev.connectplane.infra.PostgresServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * The one broker and database of a test JVM (a module's test run): started on first use and
 * stopped when the JVM ends, whether the tests passed or not. What starts them is chosen once
 * ({@link InfraSelection}, {@code CONNECT_TEST_INFRA}): child processes on free ports from empty
 * data directories under {@code target/test-infra} (they also watch this JVM and end with it if
 * it is killed), or containers where a Docker engine answers. Every test gets the same
 * {@link #endpoints()} either way.
 */
public final class SharedInfra {

    private static final Logger LOG = Logger.getLogger(SharedInfra.class.getName());

    /**
     * Partitions of every topic in tests ({@code CONNECT_KAFKA_PARTITIONS} to choose another): more
     * than one, so that keyed ordering is exercised, and not the stack's 3, so that nothing
     * depends on that count.
     */
    public static final int PARTITIONS = LocalInfra.partitionsFromEnvironment(4);

    private static Running running;
    private static KeycloakIdentities keycloak;

    /** What was started, and how to stop it. */
    private record Running(InfraSelection selection, Endpoints endpoints, Optional<KafkaBroker> kafka,
                           Optional<PostgresServer> postgres, AutoCloseable resources) {
    }

    private SharedInfra() {
    }

    private static synchronized Running running() {
        if (running == null) {
            InfraSelection selection = InfraSelection.choose(System.getenv(), ContainerInfra::dockerAvailable);
            LOG.info(selection.describe());
            Running started = selection.kind() == InfraSelection.Kind.CONTAINERS ? inContainers(selection)
                    : asProcesses(selection);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> closeQuietly(started.resources()), "test-infra-stop"));
            running = started;
        }
        return running;
    }

    private static Running asProcesses(InfraSelection selection) {
        Path dir = Path.of("target", "test-infra").toAbsolutePath();
        LocalInfra.clearDirectory(dir);
        // secured, with an open listener for the tests themselves: their probes read every topic
        // and publish as any service would; the system tests' services sign in on the secured one
        LocalInfra started = LocalInfra.start(dir, 0, 0, false, true, allTopics(), PARTITIONS,
                KafkaSecurity.SECURED_WITH_OPEN_LISTENER);
        if (started.managedKafka().isEmpty()) {
            createTopics(started.endpoints().kafkaBootstrapServers());
        }
        return new Running(selection, started.endpoints(), started.managedKafka(), started.managedPostgres(), started);
    }

    private static Running inContainers(InfraSelection selection) {
        ContainerInfra started = ContainerInfra.start(PARTITIONS);
        createTopics(started.endpoints().kafkaBootstrapServers());
        return new Running(selection, started.endpoints(), Optional.empty(), Optional.empty(), started);
    }

    /** How the infrastructure was chosen. */
    public static InfraSelection selection() {
        return running().selection();
    }

    public static Endpoints endpoints() {
        return running().endpoints();
    }

    /**
     * The broker as a process this run started, for tests that stop, crash and restart it;
     * absent on containers and on an external broker (such a test is skipped, saying why).
     */
    public static Optional<KafkaBroker> managedKafka() {
        return running().kafka();
    }

    /**
     * The broker as a process this run started with a secured listener (processes), where
     * services and clients sign in as their principals; absent on containers or an external broker.
     */
    public static Optional<KafkaBroker> securedKafka() {
        return managedKafka().filter(broker -> broker.credentials().isPresent());
    }

    /** The database as a process this run started, for drills that crash it; absent otherwise. */
    public static Optional<PostgresServer> managedPostgres() {
        return running().postgres();
    }

    /**
     * A real Keycloak serving the connect realm, started on first use (once per test JVM, with its
     * distribution unpacked under {@code target/keycloak}) and stopped when the JVM ends.
     */
    public static synchronized KeycloakIdentities keycloak() {
        if (keycloak == null) {
            Path dir = Path.of("target", "keycloak").toAbsolutePath();
            KeycloakServer server = KeycloakServer.start(dir, LocalInfra.freePort(), dir.resolve("keycloak.log"));
            LOG.info("Keycloak " + server.issuer() + " answered " + server.startedIn().toMillis() + " ms after its launch");
            KeycloakIdentities identities = new KeycloakIdentities(server);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> closeQuietly(identities.server()), "keycloak-stop"));
            keycloak = identities;
        }
        return keycloak;
    }

    /**
     * Every topic the services use, created up front (by the broker this run starts, or here on an
     * external one) so that consumers find them at once and leaders are settled before the first test.
     */
    public static List<String> allTopics() {
        return Topics.all();
    }

    private static void closeQuietly(AutoCloseable resources) {
        try {
            resources.close();
        } catch (Exception e) {
            LOG.warning("stopping the test infrastructure failed: " + e);
        }
    }

    private static void createTopics(String bootstrapServers) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = allTopics().stream().filter(t -> !existing.contains(t))
                    .map(t -> new NewTopic(t, PARTITIONS, (short) 1)).toList();
            admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not create the test topics", e);
        }
    }
}

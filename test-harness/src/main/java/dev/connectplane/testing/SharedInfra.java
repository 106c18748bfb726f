package dev.connectplane.testing;

import dev.connectplane.contracts.Topics;
import dev.connectplane.infra.Endpoints;
import dev.connectplane.infra.KafkaBroker;
import dev.connectplane.infra.LocalInfra;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * The one broker and database of a test JVM (a module's test run): started on first use, on
 * free ports, and stopped when the JVM ends, whether the tests passed or not. The child
 * processes also watch this JVM and end with it if it is killed.
 */
public final class SharedInfra {

    /**
     * Partitions of every topic in tests ({@code CONNECT_KAFKA_PARTITIONS} to choose another): more
     * than one, so that keyed ordering is exercised, and not the stack's 3, so that nothing
     * depends on that count.
     */
    public static final int PARTITIONS = LocalInfra.partitionsFromEnvironment(4);

    private static LocalInfra infra;

    private SharedInfra() {
    }

    public static synchronized LocalInfra get() {
        if (infra == null) {
            Path dir = Path.of("target", "test-infra").toAbsolutePath();
            LocalInfra.clearDirectory(dir);
            LocalInfra started = LocalInfra.start(dir, 0, 0, false, true, allTopics(), PARTITIONS);
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "test-infra-stop"));
            if (started.managedKafka().isEmpty()) {
                createTopics(started.endpoints().kafkaBootstrapServers());
            }
            infra = started;
        }
        return infra;
    }

    public static Endpoints endpoints() {
        return get().endpoints();
    }

    /** The broker, when this run started it (not when an external one is configured). */
    public static Optional<KafkaBroker> managedKafka() {
        return get().managedKafka();
    }

    /**
     * Every topic the services use, created up front (by the broker this run starts, or here on an
     * external one) so that consumers find them at once and leaders are settled before the first test.
     */
    public static List<String> allTopics() {
        return Topics.all();
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
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("could not create the test topics", e);
        }
    }
}

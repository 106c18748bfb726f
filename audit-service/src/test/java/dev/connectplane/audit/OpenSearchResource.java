package dev.connectplane.audit;

import dev.connectplane.infra.LocalInfra;
import dev.connectplane.infra.OpenSearchServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A real OpenSearch node for the delivery test, started once per test JVM (local-infra's
 * {@link OpenSearchServer}, in a JVM of its own, its data under {@code target/opensearch}), and
 * audit-service pointed at it with a short back-off.
 */
public class OpenSearchResource implements QuarkusTestResourceLifecycleManager {

    private static OpenSearchServer node;

    static synchronized OpenSearchServer node() {
        if (node == null) {
            Path root = Path.of(System.getProperty("connect.root", "..")).toAbsolutePath().normalize();
            Path data = Path.of("target", "opensearch").toAbsolutePath();
            deleteRecursively(data);
            node = OpenSearchServer.start(root, data, LocalInfra.freePort());
            Runtime.getRuntime().addShutdownHook(new Thread(node::close, "opensearch-stop"));
        }
        return node;
    }

    /** A node of an earlier run holds documents this run's database never had. */
    private static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Map<String, String> start() {
        return Map.of("connect.audit.delivery.url", node().url(), "connect.audit.delivery.max-backoff", "PT2S");
    }

    @Override
    public void stop() {
        // the node outlives the application: it ends with the JVM
    }
}

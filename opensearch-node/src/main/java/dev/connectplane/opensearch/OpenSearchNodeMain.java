package dev.connectplane.opensearch;

import java.nio.file.Files;
import java.nio.file.Path;
import org.codelibs.opensearch.runner.OpenSearchRunner;

/**
 * One OpenSearch node, single-node discovery, HTTP on a given port, data kept in a directory so
 * that a node killed and started again on it still has every document it acknowledged:
 * {@code OpenSearchNodeMain DIRECTORY HTTP_PORT}. Prints {@code opensearch node ready on PORT}
 * once the cluster is yellow, then runs until killed.
 */
public final class OpenSearchNodeMain {

    private OpenSearchNodeMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: OpenSearchNodeMain DIRECTORY HTTP_PORT");
            System.exit(2);
        }
        Path directory = Path.of(args[0]).toAbsolutePath();
        int port = Integer.parseInt(args[1]);
        Files.createDirectories(directory);
        long started = System.nanoTime();
        OpenSearchRunner runner = new OpenSearchRunner();
        runner.onBuild((number, settings) -> {
            settings.put("http.port", port);
            settings.put("transport.port", "0");
            settings.put("discovery.type", "single-node");
            settings.put("cluster.routing.allocation.disk.threshold_enabled", false);
            settings.put("action.auto_create_index", "true");
            settings.put("node.name", "connect-siem");
            // the runner's default roles have no ingest, and audit-service's index template names a default pipeline
            settings.putList("node.roles", "cluster_manager", "data", "ingest");
        }).build(OpenSearchRunner.newConfigs()
                .basePath(directory.toString())
                .numOfNode(1)
                .clusterName("connect-siem")
                .disableESLogger());
        runner.ensureYellow();
        System.out.printf("opensearch node ready on %d after %d ms%n", port, (System.nanoTime() - started) / 1_000_000);
        System.out.flush();
        Thread.currentThread().join();
    }
}

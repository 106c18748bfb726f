package dev.connectplane.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real single-node Kafka broker in KRaft mode (broker and controller in one process), run in
 * its own JVM from the Maven Central jars. It can be stopped and started again on the same ports
 * and log directory, which is how tests take the broker away and bring it back.
 */
public final class KafkaBroker implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final Path dir;
    private final int port;
    private final int controllerPort;
    private final boolean watchParent;
    private final List<String> topics;
    private final int partitions;
    private ChildJvm jvm;

    /**
     * @param topics     topics created before the broker counts as started
     * @param partitions partitions of each of those topics, and of any topic created later by a client
     */
    public KafkaBroker(Path dir, int port, int controllerPort, boolean watchParent, List<String> topics, int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("a topic needs at least one partition, not " + partitions);
        }
        this.partitions = partitions;
        this.dir = dir;
        this.port = port;
        this.controllerPort = controllerPort;
        this.watchParent = watchParent;
        this.topics = List.copyOf(topics);
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }


    public synchronized void start() {
        if (jvm != null && jvm.isAlive()) {
            return;
        }
        Path properties = writeProperties();
        Path log = dir.resolve("kafka.log");
        int startsBefore = ChildJvm.countLogLines(log, KafkaBroker::isStartLine);
        jvm = ChildJvm.start("Kafka broker on port " + port, log, watchParent, KafkaMain.class.getName(),
                List.of("-Xms256m", "-Xmx512m", "-XX:+UseG1GC", "-XX:TieredStopAtLevel=1"), List.of(properties.toString(), String.join(",", topics), String.valueOf(partitions)));
        jvm.awaitLogLine(KafkaBroker::isStartLine, startsBefore, START_TIMEOUT);
    }

    /** Stops the broker and waits for its process to end; data stays for a later {@link #start()}. */
    public synchronized void stop() {
        if (jvm != null) {
            jvm.stop(Duration.ofSeconds(30));
        }
    }

    /** SIGKILL of the broker (no clean shutdown, as in a crash), then a new one on the same port and data. */
    public synchronized void crashAndRestart() {
        ChildJvm.kill(pid());
        stop();
        start();
    }

    public synchronized boolean isRunning() {
        return jvm != null && jvm.isAlive();
    }

    public synchronized long pid() {
        return jvm == null ? -1 : jvm.pid();
    }

    @Override
    public void close() {
        stop();
    }

    private Path writeProperties() {
        String properties = String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
                "log.dirs=" + dir.resolve("data"),
                "num.partitions=" + partitions,
                "auto.create.topics.enable=true",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=3",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "log.flush.interval.messages=9223372036854775807",
                "");
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve("server.properties");
            Files.writeString(file, properties);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isStartLine(String line) {
        return line.startsWith(KafkaMain.READY_LINE);
    }
}

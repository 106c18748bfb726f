package dev.connectplane.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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
    private final KafkaCredentials credentials;
    private final int openPort;
    private ChildJvm jvm;

    /**
     * @param topics     topics created before the broker counts as started
     * @param partitions partitions of each of those topics, and of any topic created later by a client
     */
    public KafkaBroker(Path dir, int port, int controllerPort, boolean watchParent, List<String> topics, int partitions) {
        this(dir, port, controllerPort, watchParent, topics, partitions, null, 0);
    }

    /**
     * A secured broker: clients sign in with SASL/SCRAM-SHA-512 as one of the {@code credentials}'
     * principals on {@code port}, and may do only what {@link KafkaAclPlan} allows them
     * (StandardAuthorizer, nothing allowed by default); the controller listener takes SASL/PLAIN
     * as the admin. With {@code openPort} > 0 a plaintext listener on that port lets anonymous
     * clients do everything: for tests only, whose probes read every topic and publish as
     * anyone; a secured stack has none.
     */
    public KafkaBroker(Path dir, int port, int controllerPort, boolean watchParent, List<String> topics, int partitions,
                       KafkaCredentials credentials, int openPort) {
        this.credentials = credentials;
        this.openPort = openPort;
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

    /** Where the tests' clients connect: the open listener of a test broker, else the broker's one listener. */
    public String bootstrapServers() {
        return "127.0.0.1:" + (openPort > 0 ? openPort : port);
    }

    /** Where clients sign in with SASL/SCRAM, or empty for a broker without security. */
    public Optional<String> securedBootstrapServers() {
        return credentials == null ? Optional.empty() : Optional.of("127.0.0.1:" + port);
    }

    /** The principals' passwords of a secured broker. */
    public Optional<KafkaCredentials> credentials() {
        return Optional.ofNullable(credentials);
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
                LocalJvm.KAFKA, arguments(properties));
        jvm.awaitLogLine(KafkaBroker::isStartLine, startsBefore, START_TIMEOUT);
    }

    private List<String> arguments(Path properties) {
        List<String> arguments = new ArrayList<>(List.of(properties.toString(), String.join(",", topics),
                String.valueOf(partitions)));
        if (credentials != null) {
            arguments.add(credentials.dir().toString());
        }
        return arguments;
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

    private List<String> listenerProperties() {
        if (credentials == null) {
            return List.of(
                    "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                    "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                    "inter.broker.listener.name=PLAINTEXT",
                    "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
        }
        String admin = credentials.password(KafkaAclPlan.ADMIN);
        String open = openPort > 0 ? ",OPEN://127.0.0.1:" + openPort : "";
        return List.of(
                "listeners=CLIENT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort + open,
                "advertised.listeners=CLIENT://127.0.0.1:" + port + open,
                "inter.broker.listener.name=CLIENT",
                "listener.security.protocol.map=CLIENT:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT,OPEN:PLAINTEXT",
                "sasl.enabled.mechanisms=SCRAM-SHA-512",
                "sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512",
                "listener.name.client.scram-sha-512.sasl.jaas.config=" + KafkaCredentials.scramJaas(KafkaAclPlan.ADMIN, admin),
                // PLAIN too, with the same passwords: librdkafka before 2.6.1 (Debian's kcat has
                // 2.0.2) fails SCRAM against Kafka 4 brokers (edenhill/kcat#462)
                "listener.name.client.sasl.enabled.mechanisms=SCRAM-SHA-512,PLAIN",
                "listener.name.client.plain.sasl.jaas.config=" + plainUsers(),
                "sasl.mechanism.controller.protocol=PLAIN",
                "listener.name.controller.sasl.enabled.mechanisms=PLAIN",
                "listener.name.controller.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule "
                        + "required username=\"" + KafkaAclPlan.ADMIN + "\" password=\"" + admin + "\" user_"
                        + KafkaAclPlan.ADMIN + "=\"" + admin + "\";",
                "authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer",
                "allow.everyone.if.no.acl.found=false",
                "super.users=User:" + KafkaAclPlan.ADMIN + (openPort > 0 ? ";User:ANONYMOUS" : ""));
    }

    /** The PLAIN login module of the client listener: every principal with its password. */
    private String plainUsers() {
        StringBuilder users = new StringBuilder("org.apache.kafka.common.security.plain.PlainLoginModule required");
        for (String principal : credentials.principals()) {
            users.append(" user_").append(principal).append("=\"").append(credentials.password(principal)).append('"');
        }
        return users.append(';').toString();
    }

    private Path writeProperties() {
        List<String> lines = new ArrayList<>(List.of(
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "controller.listener.names=CONTROLLER"));
        lines.addAll(listenerProperties());
        String properties = String.join("\n", lines) + "\n" + String.join("\n",
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
            // a secured broker's file holds the admin password
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isStartLine(String line) {
        return line.startsWith(KafkaMain.READY_LINE);
    }
}

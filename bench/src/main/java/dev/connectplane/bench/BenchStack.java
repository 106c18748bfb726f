package dev.connectplane.bench;

import dev.connectplane.bench.faults.DrillStack;
import dev.connectplane.infra.DevIssuer;
import dev.connectplane.infra.Endpoints;
import dev.connectplane.infra.LocalInfra;
import dev.connectplane.infra.ServiceProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * What a benchmark runs against: its own PostgreSQL (durable, as in production) and Kafka,
 * topics whose records carry the broker's append time, and services started from their
 * packaged jars. Everything stops when it is closed.
 */
final class BenchStack implements AutoCloseable, DrillStack {

    /** A key encryption key for token-service, new for each run. */
    private static final String KEY_ENCRYPTION_KEY = ServiceProcess.newKeyEncryptionKey();

    private final LocalInfra infra;
    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();
    private final Path dir;
    private final DevIssuer issuer;
    private Path root;

    private BenchStack(LocalInfra infra, Path dir) {
        this.infra = infra;
        this.dir = dir;
        this.issuer = DevIssuer.loadOrCreate(dir.resolve("issuer"));
        HttpLoad.authenticateAs("Bearer " + issuer.mint("bench-admin", List.of("Owners"), Duration.ofHours(12)));
    }

    /** Starts the infrastructure in {@code bench/target/<name>} and creates {@code topics} with LogAppendTime. */
    static BenchStack start(Path root, String name, List<String> topics) throws Exception {
        Path dir = root.resolve("bench/target/" + name);
        LocalInfra.clearDirectory(dir);
        Files.createDirectories(dir);
        int partitions = LocalInfra.partitionsFromEnvironment(LocalInfra.DEFAULT_PARTITIONS);
        LocalInfra infra = LocalInfra.start(dir, 0, 0, !Boolean.getBoolean("bench.nonDurable"), true, List.of(), partitions);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                infra.endpoints().kafkaBootstrapServers()))) {
            List<NewTopic> newTopics = new ArrayList<>();
            for (String topic : topics) {
                newTopics.add(new NewTopic(topic, partitions, (short) 1).configs(Map.of("message.timestamp.type", "LogAppendTime")));
            }
            admin.createTopics(newTopics).all().get(30, TimeUnit.SECONDS);
        }
        BenchStack stack = new BenchStack(infra, dir);
        // The services are plain child processes: stop them even when the benchmark is interrupted.
        Runtime.getRuntime().addShutdownHook(new Thread(stack::stopServices, "bench-services-stop"));
        return stack;
    }

    private void stopServices() {
        for (ServiceProcess service : services.values()) {
            try {
                service.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Starts a service from {@code <module>/target/quarkus-app/quarkus-run.jar} and waits until it
     * is ready; a service this stack already runs is returned as it is, so that benchmarks run one
     * after the other ({@link AllBenchmarks}) share it.
     */
    ServiceProcess startService(Path root, String module) throws Exception {
        ServiceProcess running = services.get(module);
        if (running != null) {
            return running;
        }
        return startService(root, module, LocalInfra.freePort());
    }

    /** The names of the services this stack runs now. */
    Set<String> runningServices() {
        return Set.copyOf(services.keySet());
    }

    /** Stops a service this stack runs (a later {@link #startService} starts it anew). */
    void stopService(String module) throws InterruptedException {
        ServiceProcess running = services.remove(module);
        if (running != null) {
            running.close();
        }
    }

    private ServiceProcess startService(Path root, String module, int port) throws Exception {
        return startInstance(root, module, module, port);
    }

    /**
     * Starts another instance of a service under its own name (e.g. {@code token-service-2}),
     * on the same database and broker, and waits until it is ready.
     */
    ServiceProcess startInstance(Path root, String module, String name, int port) throws Exception {
        return startInstance(root, module, name, port, Map.of());
    }

    /**
     * Kills the service and starts it again on its port with {@code extra} added to its
     * environment (tracing on, for one), and waits until it is ready.
     */
    ServiceProcess restartWith(String service, Map<String, String> extra) throws Exception {
        ServiceProcess old = services.get(service);
        old.kill();
        return startInstance(root, service, service, old.port(), extra);
    }

    private ServiceProcess startInstance(Path root, String module, String name, int port, Map<String, String> extra)
            throws Exception {
        this.root = root;
        Endpoints endpoints = infra.endpoints();
        Map<String, String> env = new HashMap<>(ServiceProcess.environment(endpoints, KEY_ENCRYPTION_KEY, issuer));
        env.putAll(extra);
        ServiceProcess service = ServiceProcess.start(root.resolve(module + "/target/quarkus-app/quarkus-run.jar"),
                port, env, dir.resolve(name + ".log"));
        services.put(name, service);
        service.awaitReady(Duration.ofSeconds(120));
        return service;
    }

    @Override
    public String url(String service) {
        return services.get(service).baseUrl();
    }

    @Override
    public void killAndRestart(String service) throws Exception {
        ServiceProcess old = services.get(service);
        old.kill();
        startService(root, service, old.port());
    }

    @Override
    public void killAndRestartKafka() {
        infra.managedKafka().orElseThrow().crashAndRestart();
    }

    @Override
    public void killAndRestartPostgres() {
        infra.managedPostgres().orElseThrow().crashAndRestart();
    }

    @Override
    public String kafkaBootstrapServers() {
        return infra.endpoints().kafkaBootstrapServers();
    }

    @Override
    public String jdbcUrl() {
        return infra.endpoints().jdbcUrl();
    }

    @Override
    public String dbUser() {
        return infra.endpoints().user();
    }

    @Override
    public String dbPassword() {
        return infra.endpoints().password();
    }

    @Override
    public String bearer(String user, String... groups) {
        return "Bearer " + issuer.mint(user, List.of(groups), Duration.ofHours(12));
    }

    Endpoints endpoints() {
        return infra.endpoints();
    }

    Path dir() {
        return dir;
    }

    /** Resident memory of each service now, for the report. */
    String memory() {
        StringBuilder out = new StringBuilder();
        services.forEach((name, service) -> out.append(String.format("%s %d MiB  ", name, service.residentKilobytes() / 1024)));
        return out.toString().trim();
    }

    @Override
    public void close() {
        stopServices();
        infra.close();
    }
}

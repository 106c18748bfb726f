package dev.connectplane.system;

import dev.connectplane.bench.faults.DrillStack;
import dev.connectplane.infra.Endpoints;
import dev.connectplane.infra.LocalInfra;
import dev.connectplane.infra.PostgresServer;
import dev.connectplane.infra.ServiceProcess;
import dev.connectplane.testing.SharedInfra;
import dev.connectplane.testing.TestIdentities;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The whole stack for the system tests: the shared PostgreSQL and Kafka of this test JVM, and the
 * four services started from their packaged jars as separate processes, each on a free port.
 * One stack serves every system test of the JVM ({@link #shared()}); it is stopped when the JVM
 * ends. A fault drill may kill a service, the broker or the database ({@link DrillStack}), but
 * restarts it before it returns.
 */
final class SystemStack implements DrillStack {

    /**
     * One key encryption key for every service start of this JVM: they share one database, and a
     * token-service started with another key could not decrypt the signing keys stored there.
     */
    private static final String KEY_ENCRYPTION_KEY = ServiceProcess.newKeyEncryptionKey();
    private static final Duration READY_WITHIN = Duration.ofSeconds(120);

    private static SystemStack shared;

    private final Path root;
    private final Path logs;
    private final Map<String, String> env;
    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();

    private SystemStack(Path root, Path logs, Map<String, String> env) {
        this.root = root;
        this.logs = logs;
        this.env = env;
    }

    /** The stack of this JVM, started on first use. */
    static synchronized SystemStack shared() throws Exception {
        if (shared == null) {
            shared = start();
            SystemStack stack = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(stack::closeQuietly, "system-stack-stop"));
        }
        return shared;
    }

    private static SystemStack start() throws Exception {
        Path root = Path.of(System.getProperty("connect.root", "..")).toAbsolutePath().normalize();
        Endpoints endpoints = SharedInfra.endpoints();
        Map<String, String> env = ServiceProcess.environment(endpoints, KEY_ENCRYPTION_KEY, TestIdentities.issuer());
        Path logs = Files.createDirectories(root.resolve("system-tests/target/system-logs"));
        SystemStack stack = new SystemStack(root, logs, env);
        try {
            for (String name : SERVICES) {
                stack.services.put(name, stack.launch(name, LocalInfra.freePort()));
            }
            for (ServiceProcess service : stack.services.values()) {
                service.awaitReady(READY_WITHIN);
            }
        } catch (Exception | Error e) {
            stack.closeQuietly();
            throw e;
        }
        return stack;
    }

    private ServiceProcess launch(String name, int port) throws Exception {
        return ServiceProcess.start(root.resolve(name + "/target/quarkus-app/quarkus-run.jar"), port, env,
                logs.resolve(name + ".log"));
    }

    @Override
    public String url(String service) {
        return services.get(service).baseUrl();
    }

    ServiceProcess process(String service) {
        return services.get(service);
    }

    @Override
    public synchronized void killAndRestart(String service) throws Exception {
        ServiceProcess old = services.get(service);
        old.kill();
        ServiceProcess restarted = launch(service, old.port());
        services.put(service, restarted);
        restarted.awaitReady(READY_WITHIN);
    }

    @Override
    public void killAndRestartKafka() {
        SharedInfra.managedKafka()
                .orElseThrow(() -> new IllegalStateException("the fault drills need the broker this run starts"))
                .crashAndRestart();
    }

    @Override
    public void killAndRestartPostgres() {
        postgres().crashAndRestart();
    }

    @Override
    public String kafkaBootstrapServers() {
        return SharedInfra.endpoints().kafkaBootstrapServers();
    }

    @Override
    public String jdbcUrl() {
        return SharedInfra.endpoints().jdbcUrl();
    }

    @Override
    public String dbUser() {
        return SharedInfra.endpoints().user();
    }

    @Override
    public String dbPassword() {
        return SharedInfra.endpoints().password();
    }

    @Override
    public String bearer(String user, String... groups) {
        return TestIdentities.bearer(user, groups);
    }

    /** The database this JVM started (never an external one: a drill must not kill that). */
    static PostgresServer postgres() {
        return SharedInfra.get().managedPostgres()
                .orElseThrow(() -> new IllegalStateException("the fault drills need the PostgreSQL this run starts"));
    }

    /** Asks every service to stop at once, then waits for each (killing what does not stop). */
    private void closeQuietly() {
        services.values().forEach(ServiceProcess::requestStop);
        for (ServiceProcess service : services.values()) {
            try {
                service.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

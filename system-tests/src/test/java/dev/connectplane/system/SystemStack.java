package dev.connectplane.system;

import dev.connectplane.bench.faults.DrillStack;
import dev.connectplane.infra.Endpoints;
import dev.connectplane.infra.KafkaBroker;
import dev.connectplane.infra.LocalInfra;
import dev.connectplane.infra.PostgresServer;
import dev.connectplane.infra.ServiceProcess;
import dev.connectplane.testing.SharedInfra;
import dev.connectplane.testing.TestIdentities;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

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
    /** Where every service of the stack sends its spans (TracingIT reads them). */
    private static OtlpReceiver spans;

    private final Path root;
    private final Path logs;
    private final Map<String, String> env;
    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();
    /** Second instances of the services, while a test runs them ({@link #startSecondInstances()}). */
    private final Map<String, ServiceProcess> seconds = new ConcurrentHashMap<>();
    /** What every service start adds to the stack's environment ({@link #restartEveryService}). */
    private Map<String, String> overrides = Map.of();

    private SystemStack(Path root, Path logs, Map<String, String> env) {
        this.root = root;
        this.logs = logs;
        this.env = env;
    }

    /** The spans every service of the stack exported so far. */
    static synchronized OtlpReceiver spans() throws Exception {
        shared();
        return spans;
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
        Map<String, String> env = new HashMap<>(ServiceProcess.environment(endpoints, KEY_ENCRYPTION_KEY, TestIdentities.issuer()));
        // how each service decided "late" or "missing", for FaultDrillIT to print when it finds a refusal
        env.put("QUARKUS_LOG_CATEGORY__DEV_CONNECTPLANE_FOUNDATION_CONSUMERS__LEVEL", "DEBUG");
        // (an environment variable names a category in lower case only: the packages, not the classes)
        env.put("QUARKUS_LOG_CATEGORY__DEV_CONNECTPLANE_TOKEN_SERVICE__LEVEL", "DEBUG");
        env.put("QUARKUS_LOG_CATEGORY__DEV_CONNECTPLANE_ACCESS_SERVICE__LEVEL", "DEBUG");
        // JSON logs, as one variable switches them on, with each applied event logged (LogsKeepNoSecretsIT reads them)
        env.put("CONNECT_LOG_JSON", "true");
        env.put("QUARKUS_LOG_CATEGORY__DEV_CONNECTPLANE_FOUNDATION_INBOX__LEVEL", "DEBUG");
        // tracing on, as one variable switches it on for an operator (and the protocol for port 4318's kind)
        spans = OtlpReceiver.start();
        env.put("OTEL_EXPORTER_OTLP_ENDPOINT", spans.endpoint());
        env.put("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf");
        env.put("QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "PT0.2S");
        env.put("CONNECT_AUDIT_CHECKPOINTS_KEY_LOCATION", root.resolve("system-tests/target/audit/checkpoint-key.jwk").toString());
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
        return launch(name, port, name);
    }

    private ServiceProcess launch(String name, int port, String logName) throws Exception {
        Map<String, String> environment = new HashMap<>(signedIn(name));
        environment.putAll(overrides);
        return ServiceProcess.start(root.resolve(name + "/target/quarkus-app/quarkus-run.jar"), port, environment,
                logs.resolve(logName + ".log"));
    }

    /**
     * The service's environment, signed in to the broker's secured listener as its own principal
     * where the tests' broker has one (processes): the system tests then run under the very ACLs
     * of a secured stack. On containers or an external broker the services use the open endpoint.
     */
    private Map<String, String> signedIn(String service) {
        Optional<KafkaBroker> secured = SharedInfra.securedKafka();
        if (secured.isEmpty()) {
            return env;
        }
        Map<String, String> signedIn = new HashMap<>(env);
        signedIn.put("CONNECT_KAFKA_BOOTSTRAP_SERVERS", secured.get().securedBootstrapServers().orElseThrow());
        signedIn.put("CONNECT_KAFKA_USERNAME", service);
        signedIn.put("CONNECT_KAFKA_PASSWORD_FILE", secured.get().credentials().orElseThrow().passwordFile(service).toString());
        return signedIn;
    }

    /** A second instance of every service beside the shared ones, on ports of their own; returns once all are ready. */
    synchronized void startSecondInstances() throws Exception {
        for (String name : SERVICES) {
            seconds.put(name, launch(name, LocalInfra.freePort(), name + "-2"));
        }
        for (ServiceProcess service : seconds.values()) {
            service.awaitReady(READY_WITHIN);
        }
    }

    /**
     * Every shared service killed and started again on its port with {@code overrides} in its
     * environment (another identity provider, for one), and so is every later start until the next
     * call (an empty map restores the stack's own); returns once all are ready. Killed, not
     * stopped: a graceful stop of token-service took 18-23 s (its seven consumers leave the group
     * one after the other, a rebalance each), while the members of a killed one expire after the
     * 10-s session timeout, before the new process is up. TwoInstancesIT still stops its second
     * instances gracefully.
     */
    synchronized void restartEveryService(Map<String, String> overrides) throws Exception {
        this.overrides = Map.copyOf(overrides);
        killAndRestartEveryService();
    }

    /** Stops the second instances; the shared ones go on alone. */
    synchronized void stopSecondInstances() throws InterruptedException {
        seconds.values().forEach(ServiceProcess::requestStop);
        for (ServiceProcess service : seconds.values()) {
            service.close();
        }
        seconds.clear();
    }

    /** Every running instance of the service: the shared one first, then the second if one runs. */
    synchronized List<ServiceProcess> instances(String service) {
        List<ServiceProcess> instances = new ArrayList<>(List.of(services.get(service)));
        if (seconds.containsKey(service)) {
            instances.add(seconds.get(service));
        }
        return instances;
    }

    /** The stack as seen through the second instances (a drill's reads there, its writes on the shared ones). */
    DrillStack throughSecondInstances() {
        SystemStack stack = this;
        return new DrillStack() {
            @Override
            public String url(String service) {
                return stack.seconds.get(service).baseUrl();
            }

            @Override
            public void killAndRestart(String service) throws Exception {
                stack.killAndRestart(service);
            }

            @Override
            public void killAndRestartEveryService() throws Exception {
                stack.killAndRestartEveryService();
            }

            @Override
            public void killAndRestartKafka() {
                stack.killAndRestartKafka();
            }

            @Override
            public void killAndRestartPostgres() {
                stack.killAndRestartPostgres();
            }

            @Override
            public String kafkaBootstrapServers() {
                return stack.kafkaBootstrapServers();
            }

            @Override
            public String jdbcUrl() {
                return stack.jdbcUrl();
            }

            @Override
            public String dbUser() {
                return stack.dbUser();
            }

            @Override
            public String dbPassword() {
                return stack.dbPassword();
            }

            @Override
            public String bearer(String user, String... groups) {
                return stack.bearer(user, groups);
            }
        };
    }

    /**
     * SIGKILL of the instance whose relay publishes the service's outbox, then a new process on
     * its port and in its place; returns the killed process once the new one is ready.
     */
    synchronized ServiceProcess killAndRestartRelayLeader(String service) throws Exception {
        boolean shared = services.get(service).isRelayLeader();
        Map<String, ServiceProcess> slot = shared ? services : seconds;
        ServiceProcess leader = slot.get(service);
        if (leader == null || !leader.isRelayLeader()) {
            throw new IllegalStateException("no instance of " + service + " says it is the relay leader");
        }
        leader.kill();
        ServiceProcess restarted = launch(service, leader.port(), shared ? service : service + "-2");
        slot.put(service, restarted);
        restarted.awaitReady(READY_WITHIN);
        return leader;
    }

    @Override
    public String url(String service) {
        return services.get(service).baseUrl();
    }

    /**
     * The lines of the shared instances' logs that contain any of {@code markers}, each after the
     * {@code before} lines that came before it: what a failed assertion prints to say why.
     */
    /** The log file of every service process the stack started in this JVM or an earlier run (they are appended to). */
    List<Path> logFiles() throws IOException {
        try (var files = Files.list(logs)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".log")).sorted().toList();
        }
    }

    List<String> logLines(List<String> markers, int before) throws IOException {
        List<String> found = new ArrayList<>();
        for (String name : SERVICES) {
            Path log = logs.resolve(name + ".log");
            if (!Files.exists(log)) {
                continue;
            }
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (markers.stream().anyMatch(line::contains)) {
                    found.add("--- " + name);
                    found.addAll(lines.subList(Math.max(0, i - before), i + 1));
                }
            }
        }
        return found;
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

    /** Every shared service killed at once and started side by side: the drill's "after a restart of everything". */
    @Override
    public synchronized void killAndRestartEveryService() throws Exception {
        for (String name : SERVICES) {
            services.get(name).kill();
        }
        for (String name : SERVICES) {
            services.put(name, launch(name, services.get(name).port()));
        }
        for (ServiceProcess service : services.values()) {
            service.awaitReady(READY_WITHIN);
        }
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
        return SharedInfra.managedPostgres()
                .orElseThrow(() -> new IllegalStateException("the fault drills need the PostgreSQL this run starts"));
    }

    /** Asks every service to stop at once, then waits for each (killing what does not stop). */
    private void closeQuietly() {
        List<ServiceProcess> all = new ArrayList<>(services.values());
        all.addAll(seconds.values());
        all.forEach(ServiceProcess::requestStop);
        for (ServiceProcess service : all) {
            try {
                service.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (spans != null) {
            spans.close();
        }
    }
}

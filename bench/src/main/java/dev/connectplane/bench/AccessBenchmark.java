package dev.connectplane.bench;

import dev.connectplane.contracts.Topics;
import dev.connectplane.infra.ServiceProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * access-service: (1) the delay from ServerCreated on its topic to VaultGranted on
 * {@code connect.access.events} (both append times from the same broker), for servers created
 * through server-service at a paced rate; (2) vault grant and revoke throughput over REST,
 * beside pgbench's one-row insert on the same PostgreSQL with the same clients.
 *
 * <p>Arguments: {@code [servers] [rate] [concurrency]}, defaults 1000, 100, 32.
 */
public final class AccessBenchmark {

    private static final List<String> GRANTED_VAULTS = List.of("Customers", "Vendors", "Production");

    private AccessBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int servers = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int concurrency = args.length > 2 ? Integer.parseInt(args[2]) : 32;
        Path root = Path.of(System.getProperty("connect.root", ".")).toAbsolutePath().normalize();
        System.out.printf("access benchmark: %d servers at %d/s, grants with %d concurrent, %d cores%n",
                servers, rate, concurrency, Runtime.getRuntime().availableProcessors());

        try (BenchStack stack = BenchStack.start(root, "access-run", List.of(Topics.SERVER_EVENTS, Topics.ACCESS_EVENTS,
                Topics.deadLetter("server-service"), Topics.deadLetter("access-service")))) {
            run(stack, root, servers, rate, concurrency);
        }
    }

    /** The benchmark on a running stack; its figures go to the {@link Summary}. */
    static void run(BenchStack stack, Path root, int servers, int rate, int concurrency) throws Exception {
        ServiceProcess serverService = stack.startService(root, "server-service");
        ServiceProcess accessService = stack.startService(root, "access-service");
        HttpLoad load = new HttpLoad();
        awaitDirectory(load, serverService);
        String runId = UUID.randomUUID().toString().substring(0, 8);

        warmUp(load, serverService, accessService, runId, concurrency);
        // the warm-up's 1,500 servers as fast as possible leave access-service a backlog of
        // ServerCreated events for seconds: the delay is measured at the paced rate, not behind it
        StackQuiet.await(stack, Duration.ofMinutes(3));
        Granted granted = measureGrantDelay(load, stack, serverService, runId, servers, rate, concurrency);
        double perSecond = measureGrantThroughput(load, accessService, granted.serverIds(), concurrency);
        perSecond = Math.max(perSecond, measureGrantThroughputWithWrk(stack, accessService, granted.serverIds(), concurrency));
        System.out.printf("memory after the run: %s%n", stack.memory());
        double oneRowTps = ServerCreateBenchmark.printCeiling(stack, concurrency)[0];
        double bareP99 = KafkaCeiling.oneRecordP99Millis(stack.endpoints().kafkaBootstrapServers(), rate * 5, rate);
        Summary.add(new Figure("ServerCreated → VaultGranted p99 at " + rate + " servers/s", "≤ 50 ms",
                granted.delay().millis(99), bareP99, "ms", KafkaCeiling.ONE_RECORD));
        Summary.add(new Figure("vault grants/s through access-service", "≥ 1000/s", perSecond, oneRowTps, "/s",
                "pgbench: one-row insert, " + concurrency + " clients"));
    }

    /** The servers created for the delay phase, and their ServerCreated → VaultGranted delays. */
    private record Granted(List<String> serverIds, Percentiles delay) {
    }

    private static Granted measureGrantDelay(HttpLoad load, BenchStack stack, ServiceProcess serverService,
                                             String runId, int servers, int rate, int concurrency) throws Exception {
        try (AppendTimes times = AppendTimes.follow(stack.endpoints().kafkaBootstrapServers(),
                List.of(Topics.SERVER_EVENTS, Topics.ACCESS_EVENTS))) {
            HttpLoad.Result created = load.run(servers, concurrency, rate, i -> HttpLoad.postJson(
                    serverService.baseUrl() + "/v1/servers",
                    "{\"name\":\"delay-" + runId + "-" + i + "\",\"vaults\":[\"Kubernetes\"]}"), List.of(201));
            List<String> ids = created.okBodies.stream().map(HttpLoad::firstId).toList();
            times.awaitAll("connect.vault.granted.v1", ids, Duration.ofSeconds(60));
            Map<String, AppendTimes.Seen> createdSeen = times.ofType("connect.server.created.v1");
            Map<String, AppendTimes.Seen> grantedSeen = times.ofType("connect.vault.granted.v1");
            long[] delays = ids.stream().filter(id -> createdSeen.containsKey(id) && grantedSeen.containsKey(id))
                    .mapToLong(id -> Math.max(0, grantedSeen.get(id).appendMillis() - createdSeen.get(id).appendMillis()) * 1000)
                    .toArray();
            System.out.printf("-- ServerCreated -> VaultGranted, %d servers at %d/s --%n", servers, rate);
            System.out.printf("server creates:      %s%n", created.summary("creates"));
            System.out.printf("created -> granted:  %s (both on the topic, broker append times)%n",
                    new Percentiles(delays).summary());
            return new Granted(ids, new Percentiles(delays));
        }
    }

    /** Grants, then revokes, with the JVM's client; returns the grants per second. */
    private static double measureGrantThroughput(HttpLoad load, ServiceProcess access, List<String> serverIds,
                                                 int concurrency) throws Exception {
        int count = serverIds.size() * GRANTED_VAULTS.size();
        System.out.printf("-- vault grant / revoke throughput, %d of each, %d concurrent --%n", count, concurrency);
        HttpLoad.Result grants = load.run(count, concurrency, 0, i -> HttpLoad.postJson(
                access.baseUrl() + "/v1/servers/" + serverIds.get(i % serverIds.size()) + "/vaults",
                "{\"vault\":\"" + GRANTED_VAULTS.get(i / serverIds.size()) + "\"}"), List.of(201));
        System.out.printf("grants:              %s%n", grants.summary("grants"));
        HttpLoad.Result revokes = load.run(count, concurrency, 0, i -> HttpLoad.delete(
                access.baseUrl() + "/v1/servers/" + serverIds.get(i % serverIds.size()) + "/vaults/"
                        + GRANTED_VAULTS.get(i / serverIds.size())), List.of(204));
        System.out.printf("revokes:             %s%n", revokes.summary("revokes"));
        return grants.ok() / grants.seconds;
    }

    /**
     * Grants, then revokes, with wrk as the load generator where it is installed: each request
     * takes the next (server, vault) pair, so the first {@code 3 × servers} grants are new; the
     * figure counts only 2xx answers (201 for grants, 204 for revokes), over 3 s. Returns the
     * grants per second, 0 without wrk.
     */
    private static double measureGrantThroughputWithWrk(BenchStack stack, ServiceProcess access, List<String> serverIds,
                                                        int connections) throws Exception {
        Optional<Path> wrk = WrkLoad.find();
        if (wrk.isEmpty()) {
            System.out.println("-- grant / revoke with wrk: skipped (apt-get install wrk) --");
            return 0;
        }
        System.out.printf("-- vault grant / revoke throughput: wrk, 1 thread, %d connections, 3 s each --%n", connections);
        String pairs = String.join("\n",
                "local ids = {" + serverIds.stream().map(id -> "'" + id + "'").collect(Collectors.joining(","))
                        + "}",
                "local vaults = {'Vendors', 'Production', 'Customers'}",
                "local i = 0",
                "local function pair()",
                "  local server = ids[(i % #ids) + 1]",
                "  local vault = vaults[(math.floor(i / #ids) % #vaults) + 1]",
                "  i = i + 1",
                "  return server, vault",
                "end", "");
        WrkLoad.Result grants = WrkLoad.run(wrk.get(), access.baseUrl(), pairs + String.join("\n",
                "request = function()",
                "  local server, vault = pair()",
                "  return wrk.format('POST', '/v1/servers/' .. server .. '/vaults', "
                        + "{['Content-Type'] = 'application/json', ['Authorization'] = wrk.headers['Authorization']}, '{\"vault\":\"' .. vault .. '\"}')",
                "end", ""), connections, 3, stack.dir());
        System.out.printf("grants:              %.0f granted/s (%d requests, %d not 2xx); latency %s%n",
                grants.successesPerSecond(), grants.requests(), grants.non2xx(), grants.latency());
        WrkLoad.Result revokes = WrkLoad.run(wrk.get(), access.baseUrl(), pairs + String.join("\n",
                "request = function()",
                "  local server, vault = pair()",
                "  return wrk.format('DELETE', '/v1/servers/' .. server .. '/vaults/' .. vault)",
                "end", ""), connections, 3, stack.dir());
        System.out.printf("revokes:             %.0f revoked/s (%d requests, %d not 2xx); latency %s%n",
                revokes.successesPerSecond(), revokes.requests(), revokes.non2xx(), revokes.latency());
        return grants.successesPerSecond();
    }

    /** Warms both services' code paths (JIT) with servers, grants and revokes that are not measured. */
    private static void warmUp(HttpLoad load, ServiceProcess serverService, ServiceProcess access, String runId,
                               int concurrency) throws Exception {
        HttpLoad.Result created = load.run(1500, concurrency, 0, i -> HttpLoad.postJson(serverService.baseUrl()
                + "/v1/servers", "{\"name\":\"warm-" + runId + "-" + i + "\",\"vaults\":[\"Kubernetes\"]}"), List.of(201));
        List<String> ids = new ArrayList<>(created.okBodies.stream().map(HttpLoad::firstId).toList());
        load.run(ids.size(), concurrency, 0, i -> HttpLoad.postJson(access.baseUrl() + "/v1/servers/" + ids.get(i)
                + "/vaults", "{\"vault\":\"Customers\"}"), List.of(201));
        load.run(ids.size(), concurrency, 0, i -> HttpLoad.delete(access.baseUrl() + "/v1/servers/" + ids.get(i)
                + "/vaults/Customers"), List.of(204));
    }

    static void awaitDirectory(HttpLoad load, ServiceProcess serverService) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!load.get(serverService.baseUrl() + "/v1/vault-directory").contains("\"Kubernetes\"")) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("server-service never learned the seeded directory");
            }
            Thread.sleep(100);
        }
    }
}

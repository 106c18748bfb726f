package dev.connectplane.bench;

import dev.connectplane.contracts.Topics;
import dev.connectplane.infra.Endpoints;
import dev.connectplane.infra.ServiceProcess;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Server create end to end: REST → PostgreSQL (server row and outbox row in one transaction)
 * → relay → Kafka. Prints creates/s and the commit-to-Kafka delay, beside the ceiling of the
 * same PostgreSQL measured by pgbench with the same number of clients.
 *
 * <p>The delay of one event is the broker's append time (the topic uses LogAppendTime,
 * millisecond resolution) minus the commit time of its outbox row, which PostgreSQL records
 * ({@code track_commit_timestamp}) and the relay keeps in {@code committed_at}. The event's own
 * {@code time} (taken in the transaction before it commits, so it also counts the rest of the
 * transaction) and the relay's timer (commit → broker acknowledgment) are printed beside it.
 *
 * <p>Two phases: as fast as {@code concurrency} clients go (throughput, and delay at saturation),
 * then paced at {@code rate} creates/s for 10 s (delay when the machine is not saturated).
 *
 * <p>Arguments: {@code [creates] [concurrency] [warmup] [rate]}, defaults 5000, 32, 3000, 200.
 */
public final class ServerCreateBenchmark {

    private static final String CREATED = "connect.server.created.v1";

    private ServerCreateBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int creates = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 32;
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 3000;
        int rate = args.length > 3 ? Integer.parseInt(args[3]) : 200;
        Path root = Path.of(System.getProperty("connect.root", ".")).toAbsolutePath().normalize();

        System.out.printf("server create benchmark: %d creates, %d concurrent, %d warm-up, %d cores%n",
                creates, concurrency, warmup, Runtime.getRuntime().availableProcessors());
        try (BenchStack stack = BenchStack.start(root, "server-create-run",
                List.of(Topics.SERVER_EVENTS, Topics.ACCESS_EVENTS, Topics.deadLetter("server-service")))) {
            run(stack, root, creates, concurrency, warmup, rate);
        }
    }

    /** The benchmark on a running stack; its figures go to the {@link Summary}. */
    static void run(BenchStack stack, Path root, int creates, int concurrency, int warmup, int rate) throws Exception {
        ServiceProcess service = stack.startService(root, "server-service");
        HttpLoad load = new HttpLoad();
        String runId = UUID.randomUUID().toString().substring(0, 8);
        createServers(load, service, "warm-" + runId, warmup, concurrency, 0);
        System.out.printf("-- saturated: %d clients --%n", concurrency);
        Measured saturated = measure(load, service, stack.endpoints(), "run-" + runId, creates, concurrency, 0);
        Optional<Measured> withWrk = measureWithWrk(stack, service, "wrk-" + runId, concurrency);
        System.out.printf("-- paced: %d creates/s for 10 s --%n", rate);
        Measured paced = measure(load, service, stack.endpoints(), "paced-" + runId, rate * 10, concurrency, rate);
        System.out.printf("memory after the run: %s%n", stack.memory());
        double twoRowTps = printCeiling(stack, concurrency)[1];
        double bareP99 = KafkaCeiling.oneRecordP99Millis(stack.endpoints().kafkaBootstrapServers(), rate * 5, rate);
        System.out.printf("ceiling (bare transactional producer, one record a transaction at %d/s): send -> commit "
                + "p99 %.2f ms%n", rate, bareP99);
        String bare = KafkaCeiling.ONE_RECORD;
        Summary.add(new Figure("commit → Kafka p99, paced " + rate + "/s", "≤ 20 ms", paced.commitToKafka().millis(99),
                bareP99, "ms", bare));
        Measured fastest = withWrk.filter(wrk -> wrk.perSecond() > saturated.perSecond()).orElse(saturated);
        Summary.add(new Figure("commit → Kafka p99, saturated (" + concurrency + " clients)", "≤ 20 ms",
                fastest.commitToKafka().millis(99), bareP99, "ms", bare));
        Summary.add(new Figure("server creates/s over REST, saturated", "-", fastest.perSecond(), twoRowTps, "/s",
                "pgbench: state + outbox two-row transaction, " + concurrency + " clients"));
    }

    /** One phase's creates per second and the commit → Kafka delay of its events. */
    record Measured(double perSecond, Percentiles commitToKafka) {
    }

    private static Measured measure(HttpLoad load, ServiceProcess service, Endpoints endpoints, String prefix,
                                    int creates, int concurrency, int rate) throws Exception {
        try (AppendTimes topic = AppendTimes.follow(endpoints.kafkaBootstrapServers(), List.of(Topics.SERVER_EVENTS))) {
            HttpLoad.Result result = createServers(load, service, prefix, creates, concurrency, rate);
            List<String> ids = result.okBodies.stream().map(HttpLoad::firstId).toList();
            topic.awaitAll(CREATED, ids, Duration.ofSeconds(60));
            Map<String, AppendTimes.Seen> seen = topic.ofType(CREATED);
            Map<String, Long> commitMicros = commitTimes(endpoints, ids);
            long[] sinceCommit = ids.stream().filter(id -> seen.containsKey(id) && commitMicros.containsKey(id))
                    .mapToLong(id -> Math.max(0, seen.get(id).appendMillis() * 1000 - commitMicros.get(id))).toArray();
            long[] sinceEventTime = ids.stream().filter(seen::containsKey)
                    .mapToLong(id -> Math.max(0, (seen.get(id).appendMillis() - seen.get(id).eventMillis()) * 1000))
                    .toArray();
            System.out.printf("creates:             %s%n", result.summary("creates"));
            System.out.printf("commit -> Kafka:     %s%n", new Percentiles(sinceCommit).summary());
            System.out.printf("event time -> Kafka: %s%n", new Percentiles(sinceEventTime).summary());
            System.out.printf("relay commit->ack:   %s%n", relayTimer(load, service));
            return new Measured(result.ok() / result.seconds, new Percentiles(sinceCommit));
        }
    }

    /** The saturated phase again with wrk as the load generator, where wrk is installed. */
    private static Optional<Measured> measureWithWrk(BenchStack stack, ServiceProcess service, String prefix,
                                                     int connections) throws Exception {
        Optional<Path> wrk = WrkLoad.find();
        if (wrk.isEmpty()) {
            System.out.println("-- saturated with wrk: skipped (apt-get install wrk) --");
            return Optional.empty();
        }
        System.out.printf("-- saturated: wrk, 1 thread, %d connections, 10 s --%n", connections);
        Endpoints endpoints = stack.endpoints();
        try (AppendTimes topic = AppendTimes.follow(endpoints.kafkaBootstrapServers(), List.of(Topics.SERVER_EVENTS))) {
            WrkLoad.Result result = WrkLoad.postUniqueNames(wrk.get(), service.baseUrl() + "/v1/servers", prefix,
                    connections, 10, stack.dir());
            List<String> ids = serverIdsNamed(endpoints, prefix);
            topic.awaitAll(CREATED, ids, Duration.ofSeconds(60));
            Map<String, AppendTimes.Seen> seen = topic.ofType(CREATED);
            Map<String, Long> commitMicros = commitTimes(endpoints, ids);
            long[] sinceCommit = ids.stream().filter(id -> seen.containsKey(id) && commitMicros.containsKey(id))
                    .mapToLong(id -> Math.max(0, seen.get(id).appendMillis() * 1000 - commitMicros.get(id))).toArray();
            System.out.printf("creates:             %d created, %.0f requests/s, %d not 2xx; latency %s%n",
                    ids.size(), result.requestsPerSecond(), result.non2xx(), result.latency());
            System.out.printf("commit -> Kafka:     %s%n", new Percentiles(sinceCommit).summary());
            return Optional.of(new Measured(ids.size() / result.seconds(), new Percentiles(sinceCommit)));
        }
    }

    private static List<String> serverIdsNamed(Endpoints endpoints, String prefix) throws Exception {
        List<String> ids = new java.util.ArrayList<>();
        try (Connection connection = DriverManager.getConnection(endpoints.jdbcUrl(), endpoints.user(), endpoints.password());
             java.sql.PreparedStatement statement = connection.prepareStatement(
                     "select id from server_service.server where name like ?")) {
            statement.setString(1, prefix + "-%");
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getString(1));
                }
            }
        }
        return ids;
    }

    private static HttpLoad.Result createServers(HttpLoad load, ServiceProcess service, String prefix, int count,
                                                 int concurrency, int rate) throws InterruptedException {
        return load.run(count, concurrency, rate,
                i -> HttpLoad.postJson(service.baseUrl() + "/v1/servers", "{\"name\":\"" + prefix + "-" + i + "\"}"),
                List.of(201));
    }

    /**
     * Commit time (µs since the epoch) of each server's ServerCreated outbox row. The relay records
     * it when it marks the row published, just after the broker's acknowledgment, so this waits
     * (up to 10 s) until every one of {@code ids} has it.
     */
    private static Map<String, Long> commitTimes(Endpoints endpoints, List<String> ids) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        Map<String, Long> commits = readCommitTimes(endpoints);
        while (!commits.keySet().containsAll(ids) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            commits = readCommitTimes(endpoints);
        }
        return commits;
    }

    private static Map<String, Long> readCommitTimes(Endpoints endpoints) throws Exception {
        Map<String, Long> commits = new HashMap<>();
        try (Connection connection = DriverManager.getConnection(endpoints.jdbcUrl(), endpoints.user(), endpoints.password());
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(
                     "select record_key, (extract(epoch from committed_at) * 1000000)::bigint "
                             + "from server_service.outbox_event where event_type = '" + CREATED + "' "
                             + "and committed_at is not null")) {
            while (rows.next()) {
                commits.put(rows.getString(1), rows.getLong(2));
            }
        }
        return commits;
    }

    private static String relayTimer(HttpLoad load, ServiceProcess service) throws Exception {
        StringBuilder out = new StringBuilder();
        for (String line : load.get(service.baseUrl() + "/q/metrics").split("\n")) {
            if (line.startsWith("connect_outbox_commit_to_ack_seconds{") && line.contains("quantile")) {
                String quantile = line.replaceAll(".*quantile=\"([0-9.]+)\".*", "$1");
                double millis = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)) * 1000;
                out.append(String.format("p%s %.2f ms  ", quantile.equals("0.5") ? "50" : "99", millis));
            }
        }
        return out.length() == 0 ? "(timer not found)" : out.toString().trim() + " (recent events, Micrometer window)";
    }

    /** pgbench on the stack's PostgreSQL: {one-row insert, state + outbox transaction} in tps, NaN without pgbench. */
    static double[] printCeiling(BenchStack stack, int clients) throws Exception {
        Optional<Path> pgbench = PgBenchCeiling.find();
        if (pgbench.isEmpty()) {
            System.out.println("ceiling: pgbench not found (apt-get install postgresql-client); no ceiling printed");
            return new double[] {Double.NaN, Double.NaN};
        }
        Endpoints endpoints = stack.endpoints();
        String host = endpoints.postgresHost();
        int port = endpoints.postgresPort();
        PgBenchCeiling.runOnce(pgbench.get(), host, port, endpoints.database(),
                "create table if not exists public.bench_server (id text primary key, name text not null, "
                        + "created_at timestamptz not null default now());\n"
                        + "create table if not exists public.bench_outbox (seq bigserial primary key, key text not null, "
                        + "payload text not null, created_at timestamptz not null default now());\n", stack.dir());
        double oneRow = PgBenchCeiling.run(pgbench.get(), host, port, endpoints.database(), clients, 10,
                "insert into public.bench_server (id, name) values (md5(random()::text), md5(random()::text));\n",
                stack.dir());
        double twoRows = PgBenchCeiling.run(pgbench.get(), host, port, endpoints.database(), clients, 10,
                "begin;\n\\set r random(1, 1000000000)\n"
                        + "insert into public.bench_server (id, name) values (md5(random()::text), md5(random()::text));\n"
                        + "insert into public.bench_outbox (key, payload) values (:r, repeat('x', 400));\ncommit;\n",
                stack.dir());
        System.out.printf("ceiling (pgbench, %d clients, same PostgreSQL): one-row insert %.0f tps; "
                + "state+outbox two-row transaction %.0f tps%n", clients, oneRow, twoRows);
        return new double[] {oneRow, twoRows};
    }
}

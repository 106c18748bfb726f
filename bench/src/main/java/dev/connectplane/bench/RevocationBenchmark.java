package dev.connectplane.bench;

import dev.connectplane.contracts.Topics;
import dev.connectplane.infra.Endpoints;
import dev.connectplane.infra.ServiceProcess;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * Revocation propagation: a server holding N tokens is deleted through server-service, and
 * from the delete's acknowledgment (its 204) the benchmark times
 * <ul>
 *   <li><b>inactive</b>: until introspection (as a manager) answers inactive for a token of the
 *   server, polled every {@value #POLL_PAUSE_MILLIS} ms (back to back, its signature checks took
 *   a core from the cascade being timed);</li>
 *   <li><b>last change</b>: until the last of the N + 1 access changes ({@code server_deleted}
 *   and N {@code token_revoked}) is on {@code connect.access-changes}, by the broker's append
 *   time (same machine, same clock);</li>
 *   <li><b>all checked</b>: then a sweep of all N tokens, 32 at a time, must find every one
 *   inactive; this is when it ends. The sweep comes after the stream is timed: run during the
 *   cascade, its 10,000 signature checks took the 2 cores from the cascade it was checking.</li>
 * </ul>
 * Usage: {@code bench/revocation.sh [sizes, e.g. 1,100,10000] [repeats, e.g. 10,5,3]}; with
 * {@code BENCH_JAVA_OPTS=-Drevocation.profile=DIR}, a JFR recording of token-service from each
 * large delete to its last access change is written to DIR.
 */
public final class RevocationBenchmark {

    private static final String CHANGED = "connect.access.changed.v1";
    /** The pause between two introspections while waiting for inactive. */
    private static final long POLL_PAUSE_MILLIS = 5;
    /** Where a JFR recording of token-service over each large cascade goes ({@code -Drevocation.profile=DIR}), if anywhere. */
    private static final String PROFILE_DIR = System.getProperty("revocation.profile");

    private RevocationBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int[] sizes = parse(args.length > 0 ? args[0] : "1,100,10000");
        int[] repeats = parse(args.length > 1 ? args[1] : "10,5,3");
        Path root = Path.of(System.getProperty("connect.root", ".")).toAbsolutePath().normalize();
        System.out.printf("revocation benchmark: sizes %s, repeats %s, %d cores%n", args.length > 0 ? args[0] : "1,100,10000",
                args.length > 1 ? args[1] : "10,5,3", Runtime.getRuntime().availableProcessors());

        try (BenchStack stack = BenchStack.start(root, "revocation-run", TokenFixture.TOPICS)) {
            run(stack, root, sizes, repeats);
        }
    }

    /** The benchmark on a running stack; its figures go to the {@link Summary}. */
    static void run(BenchStack stack, Path root, int[] sizes, int[] repeats) throws Exception {
        try (AppendTimes changes = AppendTimes.follow(stack.endpoints().kafkaBootstrapServers(), List.of(Topics.ACCESS_CHANGES))) {
            HttpLoad load = new HttpLoad();
            TokenFixture fixture = TokenFixture.start(stack, root, load);
            ServiceProcess servers = fixture.servers();
            ServiceProcess tokens = fixture.tokens();
            String runId = UUID.randomUUID().toString().substring(0, 8);

            for (int warm = 0; warm < 3; warm++) {
                deleteOnce(load, fixture, changes, servers, tokens, stack.endpoints(), runId + "-warm-" + warm, 200);
            }
            for (int s = 0; s < sizes.length; s++) {
                List<long[]> runs = new ArrayList<>();
                for (int r = 0; r < repeats[Math.min(s, repeats.length - 1)]; r++) {
                    runs.add(deleteOnce(load, fixture, changes, servers, tokens, stack.endpoints(),
                            runId + "-" + sizes[s] + "-" + r, sizes[s]));
                }
                System.out.printf("-- server with %d tokens, %d deletes --%n", sizes[s], runs.size());
                System.out.printf("inactive:     %s%n", new Percentiles(column(runs, 0)).summary());
                System.out.printf("all checked:  %s%n", new Percentiles(column(runs, 1)).summary());
                Percentiles lastChange = new Percentiles(column(runs, 2));
                System.out.printf("last change:  %s%n", lastChange.summary());
                addFigure(stack, sizes[s], lastChange);
            }
            System.out.printf("memory after the run: %s%n", stack.memory());
        }
    }

    /**
     * The figure of one size: the slowest of its deletes for a cascade (the target holds for each
     * one), the p99 for a single token, beside a bare producer sending the same number of records
     * (a cascade's in one transaction, as the relay does).
     */
    private static void addFigure(BenchStack stack, int size, Percentiles lastChange) throws Exception {
        try (KafkaCeiling kafka = KafkaCeiling.open(stack.endpoints().kafkaBootstrapServers())) {
            if (size == 1) {
                double bare = kafka.oneRecordP99Millis(500, 200);
                Summary.add(new Figure("one token: delete → last access change p99", "≤ 50 ms", lastChange.millis(99),
                        bare, "ms", KafkaCeiling.ONE_RECORD));
            } else {
                double bare = kafka.burstMillis(2 * size + 1, 600);
                Summary.add(new Figure(String.format("%,d-token cascade → last access change (slowest of %d)", size,
                                lastChange.count()), size >= 100_000 ? "≤ 10000 ms" : size >= 10_000 ? "≤ 1000 ms" : "-",
                        lastChange.millis(100), bare, "ms", String.format("bare producer: %,d records of 600 B in one "
                                + "transaction", 2 * size + 1)));
            }
        }
    }

    /** One delete; returns {inactive, all checked, last change} in microseconds since the acknowledgment. */
    private static long[] deleteOnce(HttpLoad load, TokenFixture fixture, AppendTimes changes, ServiceProcess servers,
                                     ServiceProcess tokens, Endpoints endpoints, String name, int size) throws Exception {
        TokenFixture.Server server = fixture.server("revocation-" + name);
        List<TokenFixture.Token> issued = fixture.tokens(server, size, 16);
        String probe = issued.get(issued.size() - 1).jwt();
        if (!introspectActive(load, tokens, probe)) {
            throw new IllegalStateException("a fresh token is not active");
        }
        FlightRecording recording = size >= 1000 && PROFILE_DIR != null
                ? FlightRecording.start(tokens.pid(), Path.of(PROFILE_DIR, "token-service-cascade-" + name + ".jfr"))
                : null;
        HttpResponse<String> deleted = load.client().send(HttpLoad.delete(servers.baseUrl() + "/v1/servers/" + server.id()),
                HttpResponse.BodyHandlers.ofString());
        long ackNanos = System.nanoTime();
        long ackMillis = System.currentTimeMillis();
        if (deleted.statusCode() != 204) {
            throw new IllegalStateException("delete answered " + deleted.statusCode());
        }
        while (introspectActive(load, tokens, probe)) {
            if (System.nanoTime() - ackNanos > Duration.ofSeconds(60).toNanos()) {
                throw new IllegalStateException("token still active 60 s after the delete");
            }
            Thread.sleep(POLL_PAUSE_MILLIS);
        }
        long inactive = (System.nanoTime() - ackNanos) / 1000;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (changes.tally(CHANGED + "#token_revoked", server.id()).count() < size
                || changes.tally(CHANGED + "#server_deleted", server.id()).count() < 1) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + changes.tally(CHANGED + "#token_revoked", server.id()).count()
                        + " of " + size + " token_revoked changes after 60 s");
            }
            Thread.sleep(2);
        }
        long last = Math.max(changes.tally(CHANGED + "#token_revoked", server.id()).lastAppendMillis(),
                changes.tally(CHANGED + "#server_deleted", server.id()).lastAppendMillis());
        if (recording != null) {
            System.out.printf("   profile of token-service over the cascade: %s%n", recording.dump());
        }
        HttpLoad.Result sweep = load.run(issued.size(), 32, 0,
                i -> TokenFixture.introspect(tokens, null, issued.get(i).jwt()), List.of(200));
        long stillActive = sweep.okBodies.stream().filter(body -> body.contains("\"active\":true")).count();
        if (sweep.failures.get() > 0 || stillActive > 0) {
            throw new IllegalStateException(stillActive + " tokens still active, " + sweep.failures.get() + " failed");
        }
        long allChecked = (System.nanoTime() - ackNanos) / 1000;
        if (size >= 1000) {
            System.out.printf("   %d tokens: %s%n", size, cascadeTimeline(endpoints, server.id(), ackMillis));
        }
        return new long[] {inactive, allChecked, Math.max(0, last - ackMillis) * 1000};
    }

    /**
     * Where the time of one large cascade went, from token-service's outbox rows for the server,
     * in ms after the delete's acknowledgment: first and last insert in the cascade's transaction,
     * its commit, and the last acknowledgment by the broker.
     */
    private static String cascadeTimeline(Endpoints endpoints, String serverId, long ackMillis) throws Exception {
        try (Connection connection = DriverManager.getConnection(endpoints.jdbcUrl(), endpoints.user(), endpoints.password());
             PreparedStatement statement = connection.prepareStatement("select count(*), "
                     + "extract(epoch from min(created_at)) * 1000, extract(epoch from max(created_at)) * 1000, "
                     + "extract(epoch from max(committed_at)) * 1000, extract(epoch from max(published_at)) * 1000 "
                     + "from token_service.outbox_event where record_key = ? and event_type <> 'connect.token.issued.v1' "
                     + "and not (event_type = 'connect.access.changed.v1' and payload like '%\"token_issued\"%')")) {
            statement.setString(1, serverId);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return String.format("%d outbox rows; cascade inserts %.0f..%.0f ms, commit %.0f ms, last broker ack %.0f ms "
                        + "after the delete's ack", rows.getLong(1), rows.getDouble(2) - ackMillis, rows.getDouble(3) - ackMillis,
                        rows.getDouble(4) - ackMillis, rows.getDouble(5) - ackMillis);
            }
        }
    }

    private static boolean introspectActive(HttpLoad load, ServiceProcess tokens, String jwt) throws Exception {
        HttpRequest request = TokenFixture.introspect(tokens, null, jwt);
        String body = load.client().send(request, HttpResponse.BodyHandlers.ofString()).body();
        return body.contains("\"active\":true");
    }

    private static long[] column(List<long[]> runs, int index) {
        return runs.stream().mapToLong(run -> run[index]).toArray();
    }

    private static int[] parse(String csv) {
        return Arrays.stream(csv.split(",")).mapToInt(part -> Integer.parseInt(part.strip())).toArray();
    }
}

package dev.connectplane.bench;

import dev.connectplane.contracts.Topics;
import dev.connectplane.contracts.changes.AccessChanged;
import dev.connectplane.contracts.envelope.EventCodec;
import dev.connectplane.contracts.envelope.EventEnvelope;
import dev.connectplane.contracts.envelope.EventPayload;
import dev.connectplane.contracts.paging.NextLink;
import dev.connectplane.infra.Endpoints;
import dev.connectplane.infra.ServiceProcess;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A big account made through the APIs: one server with {@code tokens} tokens (100,000 by
 * default) and {@code servers} other servers (10,000). Then, each timed: the big server's tokens
 * listed (every page, as connectctl reads them), all tokens listed, all servers listed, the
 * big server's second vault revoked (trimming it from every token), and the big server deleted
 * (revoking every token), each cascade until its last access change is on
 * {@code connect.access-changes}, with the order of those changes checked (every trim before the
 * deletion's server_deleted, that before every token_revoked, each token's changes once).
 * Memory of each service after each step.
 *
 * <p>Ceilings measured in the same run: reading the same rows straight from PostgreSQL with
 * JDBC, and producing as many records of the same size to Kafka with one producer.
 *
 * <p>Arguments: {@code [tokens] [servers] [concurrency]}, defaults 100000, 10000, 16.
 */
public final class BigAccountBenchmark {

    private static final String CHANGED = "connect.access.changed.v1";

    private BigAccountBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int tokenCount = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int serverCount = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int concurrency = args.length > 2 ? Integer.parseInt(args[2]) : 16;
        Path root = Path.of(System.getProperty("connect.root", ".")).toAbsolutePath().normalize();
        System.out.printf("big account benchmark: %d tokens on one server, %d other servers, %d concurrent, %d cores%n",
                tokenCount, serverCount, concurrency, Runtime.getRuntime().availableProcessors());
        try (BenchStack stack = BenchStack.start(root, "big-account-run", TokenFixture.TOPICS)) {
            HttpLoad load = new HttpLoad();
            TokenFixture fixture = TokenFixture.start(stack, root, load);
            ServiceProcess servers = fixture.servers();
            ServiceProcess tokens = fixture.tokens();
            String runId = UUID.randomUUID().toString().substring(0, 8);

            long started = System.nanoTime();
            String bigId = bigServer(load, servers, "big-" + runId);
            awaitKnown(load, tokens, bigId);
            int onBig = tokenCount + 1; // with the probe token of awaitKnown
            HttpLoad.Result madeTokens = load.run(tokenCount, concurrency, 0, i -> HttpLoad.postJson(tokens.baseUrl() + "/v1/tokens",
                    "{\"name\":\"t" + i + "\",\"server\":\"" + bigId + "\",\"vaults\":[\"Kubernetes,r\",\"Customers\"]}"), List.of(201));
            check(madeTokens, tokenCount, "token creates");
            System.out.printf("built:   %s%n", madeTokens.summary("token creates"));
            HttpLoad.Result madeServers = load.run(serverCount, concurrency, 0, i -> HttpLoad.postJson(servers.baseUrl() + "/v1/servers",
                    "{\"name\":\"s-" + runId + "-" + i + "\",\"vaults\":[\"Kubernetes\"]}"), List.of(201));
            check(madeServers, serverCount, "server creates");
            System.out.printf("built:   %s%n", madeServers.summary("server creates"));
            System.out.printf("built in %.0f s; memory: %s%n", (System.nanoTime() - started) / 1e9, stack.memory());

            System.out.println("-- lists, every page of 1,000 (as connectctl reads them) --");
            timeList(load, tokens.baseUrl() + "/v1/servers/" + bigId + "/tokens", "the big server's tokens");
            timeList(load, tokens.baseUrl() + "/v1/tokens", "all tokens");
            timeList(load, servers.baseUrl() + "/v1/servers", "all servers");
            printReadCeiling(stack.endpoints(), bigId);
            System.out.printf("memory: %s%n", stack.memory());

            try (ChangeOrder changes = ChangeOrder.follow(stack.endpoints().kafkaBootstrapServers(), bigId)) {
                System.out.println("-- cascades --");
                long trimAck = send(load, HttpLoad.delete(stack.url("access-service") + "/v1/servers/" + bigId
                        + "/vaults/Customers"), 204, "vault revoke");
                long trimmed = changes.awaitCount("token_scope_trimmed", onBig, Duration.ofMinutes(10));
                System.out.printf("vault revoke trimming %d tokens: last access change %d ms after the acknowledgment%n",
                        onBig, trimmed - trimAck);
                System.out.printf("memory: %s%n", stack.memory());
                long deleteAck = send(load, HttpLoad.delete(servers.baseUrl() + "/v1/servers/" + bigId), 204, "server delete");
                long revoked = changes.awaitCount("token_revoked", onBig, Duration.ofMinutes(10));
                System.out.printf("server delete revoking %d tokens: last access change %d ms after the acknowledgment%n",
                        onBig, revoked - deleteAck);
                System.out.printf("order on connect.access-changes: %s%n", changes.verdict(onBig));
            }
            printKafkaCeiling(stack.endpoints(), tokenCount);
            System.out.printf("memory after the run: %s%n", stack.memory());
        }
    }

    private static String bigServer(HttpLoad load, ServiceProcess servers, String name) throws Exception {
        HttpLoad.Result created = load.run(1, 1, 0, i -> HttpLoad.postJson(servers.baseUrl() + "/v1/servers",
                "{\"name\":\"" + name + "\",\"vaults\":[\"Kubernetes\",\"Customers\"]}"), List.of(201));
        check(created, 1, "big server create");
        return HttpLoad.firstId(created.okBodies.peek());
    }

    /** Waits until token-service has both vaults of the server (a token create names them). */
    private static void awaitKnown(HttpLoad load, ServiceProcess tokens, String serverId) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> probe = load.client().send(HttpLoad.postJson(tokens.baseUrl() + "/v1/tokens",
                    "{\"name\":\"probe\",\"server\":\"" + serverId + "\",\"vaults\":[\"Kubernetes\",\"Customers\"]}"),
                    HttpResponse.BodyHandlers.ofString());
            if (probe.statusCode() == 201) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("token-service never learned the big server's vaults");
    }

    private static void check(HttpLoad.Result result, int expected, String what) {
        if (result.ok() != expected) {
            throw new IllegalStateException(result.summary(what) + ": " + result.ok() + " of " + expected);
        }
    }

    private static long send(HttpLoad load, HttpRequest request, int status, String what) throws Exception {
        HttpResponse<String> response = load.client().send(request, HttpResponse.BodyHandlers.ofString());
        long at = System.currentTimeMillis();
        if (response.statusCode() != status) {
            throw new IllegalStateException(what + " answered " + response.statusCode() + ": " + response.body());
        }
        return at;
    }

    /** Reads every page of a list, following its Link headers; prints rows, pages and time. */
    private static void timeList(HttpLoad load, String url, String what) throws Exception {
        long started = System.nanoTime();
        URI base = URI.create(url);
        String next = url + "?limit=1000";
        int pages = 0;
        long rows = 0;
        long slowest = 0;
        while (next != null) {
            long pageStarted = System.nanoTime();
            HttpResponse<String> page = load.client().send(HttpLoad.request(next).timeout(Duration.ofSeconds(60)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (page.statusCode() != 200) {
                throw new IllegalStateException(what + ": page " + (pages + 1) + " answered " + page.statusCode());
            }
            slowest = Math.max(slowest, System.nanoTime() - pageStarted);
            rows += EventCodec.readTree(page.body()).size();
            pages++;
            String path = NextLink.pathOf(page.headers().allValues(NextLink.HEADER));
            next = path == null ? null : base.resolve(path).toString();
        }
        System.out.printf("%-24s %7d rows in %4d pages: %6.2f s (%.0f rows/s, slowest page %d ms)%n", what, rows, pages,
                (System.nanoTime() - started) / 1e9, rows / ((System.nanoTime() - started) / 1e9), slowest / 1_000_000);
    }

    /** The read ceiling: the big server's token rows and their vaults straight from PostgreSQL. */
    private static void printReadCeiling(Endpoints endpoints, String serverId) throws Exception {
        try (Connection db = DriverManager.getConnection(endpoints.jdbcUrl(), endpoints.user(), endpoints.password());
             PreparedStatement read = db.prepareStatement("select t.*, v.* from token_service.token t "
                     + "join token_service.token_vault v on v.token_id = t.id where t.server_id = ? order by t.created_at, t.id")) {
            read.setString(1, serverId);
            read.setFetchSize(5000);
            db.setAutoCommit(false);
            long started = System.nanoTime();
            long rows = 0;
            try (ResultSet result = read.executeQuery()) {
                while (result.next()) {
                    rows++;
                }
            }
            System.out.printf("ceiling: JDBC reads the big server's %d token-vault rows in %.2f s%n", rows,
                    (System.nanoTime() - started) / 1e9);
        }
    }

    /** The produce ceiling: as many records as a cascade, of an access change's size, with one idempotent producer. */
    private static void printKafkaCeiling(Endpoints endpoints, int records) throws Exception {
        String value = "x".repeat(900);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, endpoints.kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 0,
                ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024), new StringSerializer(), new StringSerializer())) {
            long started = System.nanoTime();
            List<java.util.concurrent.Future<?>> sent = new ArrayList<>(records * 2);
            for (int i = 0; i < records * 2; i++) {
                sent.add(producer.send(new ProducerRecord<>(Topics.deadLetter("token-service"), "ceiling", value)));
            }
            for (java.util.concurrent.Future<?> ack : sent) {
                ack.get(60, TimeUnit.SECONDS);
            }
            System.out.printf("ceiling: one producer puts %d records of %d bytes on one partition in %d ms%n", records * 2,
                    value.length(), (System.nanoTime() - started) / 1_000_000);
        }
    }

    /** The access changes of one server key, in topic order (one partition): kinds, tokens, append times. */
    private static final class ChangeOrder implements AutoCloseable {

        private final List<String> kinds = new ArrayList<>();
        private final Map<String, Integer> perToken = new HashMap<>();
        private final Map<String, Long> lastAppend = new HashMap<>();
        private final Map<String, Integer> counts = new HashMap<>();
        private final String serverId;
        private TopicFollower follower;

        private ChangeOrder(String serverId) {
            this.serverId = serverId;
        }

        static ChangeOrder follow(String bootstrap, String serverId) throws InterruptedException {
            ChangeOrder order = new ChangeOrder(serverId);
            order.follower = TopicFollower.follow(bootstrap, List.of(Topics.ACCESS_CHANGES), record -> {
                if (serverId.equals(record.key())) {
                    order.add(record);
                }
            });
            return order;
        }

        private synchronized void add(ConsumerRecord<String, String> record) {
            EventEnvelope<EventPayload> event = EventCodec.decode(record.value());
            if (!(event.data() instanceof AccessChanged change)) {
                return;
            }
            String kind = change.change().wireName();
            kinds.add(kind);
            counts.merge(kind, 1, Integer::sum);
            lastAppend.put(kind, record.timestamp());
            if (change.tokenId() != null) {
                perToken.merge(kind + ":" + change.tokenId(), 1, Integer::sum);
            }
        }

        /** Waits until {@code count} changes of the kind are in; returns the append time of the last. */
        long awaitCount(String kind, int count, Duration within) throws InterruptedException {
            long deadline = System.nanoTime() + within.toNanos();
            while (System.nanoTime() < deadline) {
                synchronized (this) {
                    if (counts.getOrDefault(kind, 0) >= count) {
                        return lastAppend.get(kind);
                    }
                }
                Thread.sleep(5);
            }
            synchronized (this) {
                throw new IllegalStateException("only " + counts.getOrDefault(kind, 0) + " " + kind + " changes of "
                        + serverId + " after " + within);
            }
        }

        /** Trims, then server_deleted, then revocations; every token once per kind. */
        synchronized String verdict(int tokens) {
            int lastTrim = kinds.lastIndexOf("token_scope_trimmed");
            int deleted = kinds.indexOf("server_deleted");
            int firstRevoked = kinds.indexOf("token_revoked");
            long repeated = perToken.values().stream().filter(times -> times > 1).count();
            boolean inOrder = lastTrim < deleted && deleted < firstRevoked && kinds.lastIndexOf("server_deleted") == deleted;
            return String.format("%s (%d trims, %d server_deleted, %d revocations, %d token changes repeated; "
                            + "last trim at #%d, server_deleted at #%d, first revocation at #%d)",
                    inOrder && repeated == 0 && counts.getOrDefault("token_scope_trimmed", 0) == tokens
                            && counts.getOrDefault("token_revoked", 0) == tokens ? "in order" : "NOT IN ORDER",
                    counts.getOrDefault("token_scope_trimmed", 0), counts.getOrDefault("server_deleted", 0),
                    counts.getOrDefault("token_revoked", 0), repeated, lastTrim, deleted, firstRevoked);
        }

        @Override
        public void close() throws InterruptedException {
            follower.close();
        }
    }
}

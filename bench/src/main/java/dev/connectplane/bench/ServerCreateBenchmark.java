package dev.connectplane.bench;

import dev.connectplane.contracts.Topics;
import dev.connectplane.contracts.envelope.EventCodec;
import dev.connectplane.contracts.envelope.EventEnvelope;
import dev.connectplane.contracts.envelope.EventPayload;
import dev.connectplane.infra.Endpoints;
import dev.connectplane.infra.LocalInfra;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Server create end to end: REST → PostgreSQL (server row and outbox row in one transaction)
 * → relay → Kafka. Prints creates/s and the commit-to-Kafka delay, beside the ceiling of the
 * same PostgreSQL measured by pgbench with the same number of clients.
 *
 * <p>The delay of one event is the broker's append time (the topic uses LogAppendTime,
 * millisecond resolution) minus the commit time of its outbox row, which PostgreSQL records
 * ({@code track_commit_timestamp}). The event's own {@code time} (taken in the transaction before
 * it commits, so it also counts the rest of the transaction) and the relay's timer (outbox
 * insert → broker acknowledgment) are printed beside it.
 *
 * <p>Two phases: as fast as {@code concurrency} clients go (throughput, and delay at saturation),
 * then paced at {@code rate} creates/s for 10 s (delay when the machine is not saturated).
 *
 * <p>Arguments: {@code [creates] [concurrency] [warmup] [rate]}, defaults 5000, 32, 3000, 200.
 */
public final class ServerCreateBenchmark {

    private ServerCreateBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int creates = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 32;
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 3000;
        int rate = args.length > 3 ? Integer.parseInt(args[3]) : 200;
        Path root = Path.of(System.getProperty("connect.root", ".")).toAbsolutePath().normalize();
        Path dir = root.resolve("bench/target/server-create-run");
        deleteRecursively(dir);
        Files.createDirectories(dir);

        System.out.printf("server create benchmark: %d creates, %d concurrent, %d warm-up, %d cores%n",
                creates, concurrency, warmup, Runtime.getRuntime().availableProcessors());
        try (LocalInfra infra = LocalInfra.start(dir, 0, 0, true, true, List.of())) {
            Endpoints endpoints = infra.endpoints();
            createTopics(endpoints.kafkaBootstrapServers());
            Map<String, String> env = Map.of(
                    "CONNECT_DB_REACTIVE_URL", endpoints.reactiveUrl(),
                    "CONNECT_DB_JDBC_URL", endpoints.jdbcUrl(),
                    "CONNECT_DB_USER", endpoints.user(),
                    "CONNECT_DB_PASSWORD", endpoints.password(),
                    "CONNECT_KAFKA_BOOTSTRAP_SERVERS", endpoints.kafkaBootstrapServers());
            try (ServiceProcess service = ServiceProcess.start(
                    root.resolve("server-service/target/quarkus-app/quarkus-run.jar"), LocalInfra.freePort(), env,
                    dir.resolve("server-service.log"))) {
                service.awaitReady(Duration.ofSeconds(90));
                HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                String runId = UUID.randomUUID().toString().substring(0, 8);
                createServers(client, service, "warm-" + runId, warmup, concurrency, 0);
                System.out.printf("-- saturated: %d clients --%n", concurrency);
                run(client, service, endpoints, "run-" + runId, creates, concurrency, 0);
                System.out.printf("-- paced: %d creates/s for 10 s --%n", rate);
                run(client, service, endpoints, "paced-" + runId, rate * 10, concurrency, rate);
                System.out.printf("server-service RSS after the run: %d MiB%n", service.residentKilobytes() / 1024);
            }
            printCeiling(endpoints, concurrency, dir);
        }
    }

    private static void run(HttpClient client, ServiceProcess service, Endpoints endpoints, String prefix,
                            int creates, int concurrency, int rate) throws Exception {
        String runId = UUID.randomUUID().toString().substring(0, 8);
        Map<String, Long> delaysByServer = new ConcurrentHashMap<>();
        Map<String, Long> appendMillis = new ConcurrentHashMap<>();
        AtomicBoolean consuming = new AtomicBoolean(true);
        Thread consumer = startDelayRecorder(endpoints.kafkaBootstrapServers(), "bench-" + runId, delaysByServer,
                appendMillis, consuming);

        long started = System.nanoTime();
        CreateResult result = createServers(client, service, prefix, creates, concurrency, rate);
        double seconds = (System.nanoTime() - started) / 1e9;

        long waitUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!delaysByServer.keySet().containsAll(result.serverIds) && System.nanoTime() < waitUntil) {
            Thread.sleep(50);
        }
        consuming.set(false);
        consumer.join();
        long[] sinceEventTime = result.serverIds.stream().map(delaysByServer::get).filter(d -> d != null)
                .mapToLong(Long::longValue).toArray();
        Map<String, Long> commitMicros = commitTimes(endpoints);
        long[] sinceCommit = result.serverIds.stream()
                .filter(id -> appendMillis.containsKey(id) && commitMicros.containsKey(id))
                .mapToLong(id -> Math.max(0, appendMillis.get(id) * 1000 - commitMicros.get(id))).toArray();

        System.out.printf("creates:            %d ok, %d failed in %.2f s = %.0f creates/s%n",
                result.serverIds.size(), result.failures.get(), seconds, result.serverIds.size() / seconds);
        System.out.printf("REST latency:       %s%n", new Percentiles(result.latencies()).summary());
        System.out.printf("commit -> Kafka:    %s (events seen %d of %d)%n",
                new Percentiles(sinceCommit).summary(), sinceCommit.length, result.serverIds.size());
        System.out.printf("event time -> Kafka: %s%n", new Percentiles(sinceEventTime).summary());
        System.out.printf("relay commit->ack:  %s%n", relayTimer(client, service));
    }

    /** Sends {@code count} creates, at most {@code concurrency} at once, paced at {@code rate}/s when above 0. */
    private static CreateResult createServers(HttpClient client, ServiceProcess service, String prefix, int count,
                                              int concurrency, int rate) throws InterruptedException {
        Semaphore permits = new Semaphore(concurrency);
        CreateResult result = new CreateResult();
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            if (rate > 0) {
                long due = start + i * 1_000_000_000L / rate;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
            }
            permits.acquire();
            String body = "{\"name\":\"" + prefix + "-" + i + "\"}";
            long sent = System.nanoTime();
            client.sendAsync(HttpRequest.newBuilder(URI.create(service.baseUrl() + "/v1/servers"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString())
                    .whenComplete((response, error) -> {
                        result.latencyMicros.add((System.nanoTime() - sent) / 1000);
                        if (error == null && response.statusCode() == 201) {
                            result.serverIds.add(extractId(response.body()));
                        } else {
                            result.failures.incrementAndGet();
                        }
                        permits.release();
                    });
        }
        permits.acquire(concurrency);
        return result;
    }

    private static Thread startDelayRecorder(String bootstrap, String group, Map<String, Long> delays,
                                             Map<String, Long> appendMillis, AtomicBoolean consuming)
            throws InterruptedException {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        AtomicBoolean assigned = new AtomicBoolean();
        Thread thread = new Thread(() -> {
            try (KafkaConsumer<String, String> consumer =
                         new KafkaConsumer<>(properties, new StringDeserializer(), new StringDeserializer())) {
                consumer.subscribe(List.of(Topics.SERVER_EVENTS));
                while (consuming.get()) {
                    for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(50))) {
                        EventEnvelope<EventPayload> event = EventCodec.decode(record.value());
                        long eventMicros = event.time().toInstant().toEpochMilli() * 1000;
                        delays.put(record.key(), Math.max(0, record.timestamp() * 1000 - eventMicros));
                        appendMillis.put(record.key(), record.timestamp());
                    }
                    if (!consumer.assignment().isEmpty()) {
                        assigned.set(true);
                    }
                }
            }
        }, "delay-recorder");
        thread.start();
        while (!assigned.get()) {
            Thread.sleep(20);
        }
        return thread;
    }

    /** Commit time (µs since the epoch) of each server's ServerCreated outbox row. */
    private static Map<String, Long> commitTimes(Endpoints endpoints) throws Exception {
        Map<String, Long> commits = new java.util.HashMap<>();
        try (java.sql.Connection connection = java.sql.DriverManager.getConnection(endpoints.jdbcUrl(),
                endpoints.user(), endpoints.password());
             java.sql.Statement statement = connection.createStatement();
             java.sql.ResultSet rows = statement.executeQuery(
                     "select record_key, (extract(epoch from committed_at) * 1000000)::bigint "
                             + "from server_service.outbox_event where event_type = 'connect.server.created.v1' "
                             + "and committed_at is not null")) {
            while (rows.next()) {
                commits.put(rows.getString(1), rows.getLong(2));
            }
        }
        return commits;
    }

    private static String relayTimer(HttpClient client, ServiceProcess service) throws Exception {
        String metrics = client.send(HttpRequest.newBuilder(URI.create(service.baseUrl() + "/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        StringBuilder out = new StringBuilder();
        for (String line : metrics.split("\n")) {
            if (line.startsWith("connect_outbox_commit_to_ack_seconds{") && line.contains("quantile")) {
                String quantile = line.replaceAll(".*quantile=\"([0-9.]+)\".*", "$1");
                double millis = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)) * 1000;
                out.append(String.format("p%s %.2f ms  ", quantile.equals("0.5") ? "50" : "99", millis));
            }
        }
        return out.length() == 0 ? "(timer not found)" : out.toString().trim() + " (all events since start)";
    }

    private static void printCeiling(Endpoints endpoints, int clients, Path dir) throws Exception {
        Optional<Path> pgbench = PgBenchCeiling.find();
        if (pgbench.isEmpty()) {
            System.out.println("ceiling:            pgbench not found (apt-get install postgresql-client); no ceiling printed");
            return;
        }
        String host = endpoints.postgresHost();
        int port = endpoints.postgresPort();
        PgBenchCeiling.runOnce(pgbench.get(), host, port, endpoints.database(),
                "create table if not exists public.bench_server (id text primary key, name text not null, "
                        + "created_at timestamptz not null default now());\n"
                        + "create table if not exists public.bench_outbox (seq bigserial primary key, key text not null, "
                        + "payload text not null, created_at timestamptz not null default now());\n", dir);
        double oneRow = PgBenchCeiling.run(pgbench.get(), host, port, endpoints.database(), clients, 10,
                "insert into public.bench_server (id, name) values (md5(random()::text), md5(random()::text));\n", dir);
        double twoRows = PgBenchCeiling.run(pgbench.get(), host, port, endpoints.database(), clients, 10,
                "begin;\n\\set r random(1, 1000000000)\n"
                        + "insert into public.bench_server (id, name) values (md5(random()::text), md5(random()::text));\n"
                        + "insert into public.bench_outbox (key, payload) values (:r, repeat('x', 400));\ncommit;\n", dir);
        System.out.printf("ceiling (pgbench, %d clients, same PostgreSQL): one-row insert %.0f tps; "
                + "server+outbox rows %.0f tps%n", clients, oneRow, twoRows);
    }

    private static void createTopics(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            NewTopic serverEvents = new NewTopic(Topics.SERVER_EVENTS, 3, (short) 1)
                    .configs(Map.of("message.timestamp.type", "LogAppendTime"));
            admin.createTopics(List.of(serverEvents, new NewTopic(Topics.ACCESS_EVENTS, 3, (short) 1),
                    new NewTopic(Topics.deadLetter("server-service"), 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
    }

    private static String extractId(String body) {
        int start = body.indexOf("\"id\":\"") + 6;
        return body.substring(start, body.indexOf('"', start));
    }

    private static void deleteRecursively(Path dir) throws Exception {
        if (Files.exists(dir)) {
            try (var paths = Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** What a batch of creates returned. */
    private static final class CreateResult {
        final Set<String> serverIds = ConcurrentHashMap.newKeySet();
        final ConcurrentLinkedQueue<Long> latencyMicros = new ConcurrentLinkedQueue<>();
        final AtomicInteger failures = new AtomicInteger();

        long[] latencies() {
            return latencyMicros.stream().mapToLong(Long::longValue).toArray();
        }
    }
}

package dev.connectplane.bench;

import dev.connectplane.contracts.Topics;
import dev.connectplane.contracts.envelope.Actor;
import dev.connectplane.contracts.envelope.EventCodec;
import dev.connectplane.contracts.envelope.EventEnvelope;
import dev.connectplane.contracts.envelope.EventPayload;
import dev.connectplane.contracts.server.ServerRenamed;
import dev.connectplane.contracts.token.TokenRevocationReason;
import dev.connectplane.contracts.token.TokenRevoked;
import dev.connectplane.infra.Endpoints;
import dev.connectplane.infra.ServiceProcess;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * audit-service: projection delay (event time → chained, i.e. queryable) at a sustained rate,
 * and export throughput, beside the machine's ceiling for reading the same rows (a plain JDBC
 * {@code select *} of the audit table from this process).
 *
 * <p>Usage: {@code bench/audit.sh [rate] [seconds] [total records] [rounds] [warm-up]}: after a
 * warm-up of {@code warm-up} (20,000) events sent as fast as possible, events are produced at
 * {@code rate}/s for {@code seconds} (their CloudEvents time is the send time), then the rest up
 * to {@code total} as fast as possible; each export format is then exported once untimed (the
 * service compiles its export code) and timed {@code rounds} times over every record. Records
 * already in the audit (another benchmark's, on a shared stack) count towards nothing but the
 * exports.
 */
public final class AuditBenchmark {

    private AuditBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rate = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        int total = args.length > 2 ? Integer.parseInt(args[2]) : 100_000;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        // events recorded before anything is measured, so that the service's code is compiled (JIT)
        int warmUp = args.length > 4 ? Integer.parseInt(args[4]) : 20_000;
        Path root = Path.of(System.getProperty("connect.root", ".")).toAbsolutePath().normalize();
        System.out.printf("audit benchmark: %d events/s for %d s, %d records in all, %d export rounds, %d cores%n",
                rate, seconds, total, rounds, Runtime.getRuntime().availableProcessors());

        try (BenchStack stack = BenchStack.start(root, "audit-run", List.of(Topics.SERVER_EVENTS, Topics.ACCESS_EVENTS,
                Topics.TOKEN_EVENTS, Topics.COMMAND_REPLIES, Topics.AUDIT_SIEM, Topics.deadLetter("audit-service")))) {
            run(stack, root, new Load(rate, seconds, total, rounds, warmUp));
        }
    }

    /** What to send: {@code rate}/s for {@code seconds}, {@code total} in all after {@code warmUp}, {@code rounds} of exports. */
    record Load(int rate, int seconds, int total, int rounds, int warmUp) {
    }

    /** The benchmark on a running stack; its figures go to the {@link Summary}. */
    static void run(BenchStack stack, Path root, Load load) throws Exception {
        int rate = load.rate();
        int seconds = load.seconds();
        ServiceProcess audit = stack.startService(root, "audit-service");
        Endpoints endpoints = stack.endpoints();
        String runId = UUID.randomUUID().toString().substring(0, 8);
        long before = count(endpoints, "select count(*) from audit_service.audit_chain");
        double p99;
        try (KafkaProducer<String, String> producer = producer(endpoints)) {
            produce(producer, runId + "-warm", load.warmUp(), 0);
            awaitChained(endpoints, before + load.warmUp());
            awaitRelayed(endpoints);
            long warmed = count(endpoints, "select count(*) from audit_service.audit_chain");
            try (AppendTimes appended = AppendTimes.follow(endpoints.kafkaBootstrapServers(),
                    List.of(Topics.SERVER_EVENTS, Topics.TOKEN_EVENTS))) {
                produce(producer, runId, rate * seconds, rate);
                awaitChained(endpoints, warmed + (long) rate * seconds);
                p99 = printDelay(endpoints, runId, rate, seconds);
                printFromAppend(endpoints, runId, appended);
            }
            int rest = load.total() - load.warmUp() - rate * seconds;
            if (rest > 0) {
                long start = System.nanoTime();
                produce(producer, runId + "-fill", rest, 0);
                awaitChained(endpoints, warmed + (long) rate * seconds + rest);
                System.out.printf("burst of %d: recorded and chained at %.0f records/s%n", rest,
                        rest / ((System.nanoTime() - start) / 1e9));
            }
        }
        double bareP99 = KafkaCeiling.oneRecordP99Millis(endpoints.kafkaBootstrapServers(), Math.min(2000, rate * 5), rate);
        Summary.add(new Figure("audit: event → queryable (chained) p99 at " + rate + " events/s", "≤ 250 ms", p99, bareP99,
                "ms", "bare producer: one record a transaction at the same rate, send → commit p99"));
        long records = count(endpoints, "select count(*) from audit_service.audit_record");
        Map<String, Double> slowest = new HashMap<>();
        double ceiling = Double.MAX_VALUE;
        warmUpExports(audit.baseUrl(), records);
        for (int round = 1; round <= load.rounds(); round++) {
            System.out.printf("-- export round %d, %d records --%n", round, records);
            double jdbc = jdbcCeiling(endpoints);
            ceiling = Math.min(ceiling, jdbc);
            System.out.printf("ceiling (JDBC select * of the same rows): %.0f rows/s%n", jdbc);
            for (String format : List.of("ocsf", "ecs", "cef")) {
                long start = System.nanoTime();
                long[] linesAndBytes = export(audit.baseUrl() + "/v1/audit/export/" + format);
                double took = (System.nanoTime() - start) / 1e9;
                System.out.printf("export %-4s: %d lines, %.1f MiB in %.2f s = %.0f records/s%n", format, linesAndBytes[0],
                        linesAndBytes[1] / 1048576.0, took, linesAndBytes[0] / took);
                slowest.merge(format, linesAndBytes[0] / took, Math::min);
            }
        }
        for (String format : List.of("ocsf", "ecs", "cef")) {
            Summary.add(new Figure("audit export " + format.toUpperCase(Locale.ROOT) + " (slowest round)",
                    "≥ 50% of ceiling", slowest.get(format), ceiling, "records/s",
                    "JDBC select * of the same rows (slowest round)"));
        }
        System.out.printf("memory after the run: %s%n", stack.memory());
    }

    private static KafkaProducer<String, String> producer(Endpoints endpoints) {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, endpoints.kafkaBootstrapServers());
        properties.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer());
    }

    /** Sends {@code count} events, at {@code rate}/s or as fast as possible, keyed over 100 servers. */
    private static void produce(KafkaProducer<String, String> producer, String runId, int count, int rate)
            throws InterruptedException {
        long start = System.nanoTime();
        Actor actor = Actor.user("bench", List.of("Owners"));
        for (int i = 0; i < count; i++) {
            if (rate > 0) {
                long wait = start + i * 1_000_000_000L / rate - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
            }
            String server = String.format("%-26s", "s" + (i % 100)).replace(' ', '0');
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
            EventPayload payload = i % 2 == 0 ? new ServerRenamed(server, "a", "b")
                    : new TokenRevoked(String.format("%-26s", "t" + i).replace(' ', '0'), server, TokenRevocationReason.DELETED, now);
            String topic = i % 2 == 0 ? Topics.SERVER_EVENTS : Topics.TOKEN_EVENTS;
            // each topic's only publisher: audit-service sets aside an event from any other source
            String source = Topics.sourceOf(i % 2 == 0 ? "server-service" : "token-service");
            EventEnvelope<EventPayload> event = EventEnvelope.of(runId + "-" + i, source, now, actor, null, payload);
            producer.send(new ProducerRecord<>(topic, server, EventCodec.encode(event)));
        }
        producer.flush();
    }

    private static void awaitChained(Endpoints endpoints, long expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (count(endpoints, "select count(*) from audit_service.audit_chain") < expected) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("records not chained after 5 minutes");
            }
            Thread.sleep(200);
        }
    }

    /** Waits until the warm-up's OCSF copies are on connect.audit.siem, so the measured phase starts idle. */
    private static void awaitRelayed(Endpoints endpoints) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (count(endpoints, "select count(*) from audit_service.outbox_event where published_at is null") > 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("OCSF copies not relayed after 5 minutes");
            }
            Thread.sleep(200);
        }
    }

    /** Prints the delays of the paced events; returns event time → chained p99 in ms. */
    private static double printDelay(Endpoints endpoints, String runId, int rate, int seconds) throws Exception {
        double p99;
        try (Connection connection = jdbc(endpoints); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select count(*), "
                     + "percentile_cont(0.5) within group (order by extract(epoch from chained_at - event_time) * 1000), "
                     + "percentile_cont(0.99) within group (order by extract(epoch from chained_at - event_time) * 1000), "
                     + "max(extract(epoch from chained_at - event_time) * 1000), "
                     + "percentile_cont(0.99) within group (order by extract(epoch from ingest_time - event_time) * 1000) "
                     + "from audit_service.audit_record r join audit_service.audit_chain c on c.record_id = r.id "
                     + "where event_id like '" + runId + "-%' and event_id not like '" + runId + "-warm%'")) {
            rows.next();
            System.out.printf("-- projection delay at %d events/s for %d s --%n", rate, seconds);
            System.out.printf("event time -> queryable (chained): p50 %.1f ms, p99 %.1f ms, max %.1f ms (n=%d); "
                    + "event time -> inserted p99 %.1f ms%n", rows.getDouble(2), rows.getDouble(3), rows.getDouble(4),
                    rows.getLong(1), rows.getDouble(5));
            p99 = rows.getDouble(3);
        }
        try (Connection connection = jdbc(endpoints); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("with run as (select event_time, chained_at, ingest_time, "
                     + "min(event_time) over () as started from audit_service.audit_record r join audit_service.audit_chain c "
                     + "on c.record_id = r.id where event_id like '" + runId
                     + "-%' and event_id not like '" + runId + "-warm%') select floor(extract(epoch from event_time - started) "
                     + "/ 5) * 5 as window, percentile_cont(0.99) within group (order by extract(epoch from chained_at - "
                     + "event_time) * 1000) from run group by 1 order by 1")) {
            StringBuilder windows = new StringBuilder("p99 per 5 s window:");
            while (rows.next()) {
                windows.append(String.format(" %.0f s: %.0f ms;", rows.getDouble(1), rows.getDouble(2)));
            }
            System.out.println(windows);
        }
        return p99;
    }

    /**
     * The same delay measured from each event's broker append time (the topics use
     * LogAppendTime) rather than its creation, so that the load generator's own sending delay
     * is left out.
     */
    private static void printFromAppend(Endpoints endpoints, String runId, AppendTimes appended) throws Exception {
        Map<String, Long> appendByEvent = appended.byEventId();
        List<Long> delays = new ArrayList<>();
        List<Long> sendDelays = new ArrayList<>();
        try (Connection connection = jdbc(endpoints); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select event_id, extract(epoch from chained_at) * 1000, "
                     + "extract(epoch from event_time) * 1000 from audit_service.audit_record r join audit_service.audit_chain c "
                     + "on c.record_id = r.id where event_id like '" + runId
                     + "-%' and event_id not like '" + runId + "-warm%'")) {
            while (rows.next()) {
                Long append = appendByEvent.get(rows.getString(1));
                if (append != null) {
                    delays.add(Math.max(0, (long) rows.getDouble(2) - append) * 1000);
                    sendDelays.add(Math.max(0, append - (long) rows.getDouble(3)) * 1000);
                }
            }
        }
        System.out.printf("broker append -> queryable (chained): %s%n",
                new Percentiles(delays.stream().mapToLong(Long::longValue).toArray()).summary());
        System.out.printf("event time -> broker append (the load generator's sending): %s%n",
                new Percentiles(sendDelays.stream().mapToLong(Long::longValue).toArray()).summary());
    }

    /**
     * Each format exported once, untimed, so that the rounds time the service's export code
     * compiled, as a SIEM's scheduled export on a running service meets it (the first export of a
     * fresh service took 1.4 s for OCSF where the next took 0.8 s).
     */
    private static void warmUpExports(String baseUrl, long records) throws Exception {
        long start = System.nanoTime();
        for (String format : List.of("ocsf", "ecs", "cef")) {
            export(baseUrl + "/v1/audit/export/" + format);
        }
        System.out.printf("warm-up: each format exported once (%d records) in %.2f s, untimed%n", records,
                (System.nanoTime() - start) / 1e9);
    }

    private static long[] export(String url) throws Exception {
        HttpResponse<InputStream> response = new HttpLoad().client().send(HttpLoad.request(url).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + response.statusCode());
        }
        long lines = 0;
        long bytes = 0;
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = response.body()) {
            for (int read; (read = in.read(buffer)) > 0; ) {
                bytes += read;
                for (int i = 0; i < read; i++) {
                    if (buffer[i] == '\n') {
                        lines++;
                    }
                }
            }
        }
        return new long[] {lines, bytes};
    }

    private static double jdbcCeiling(Endpoints endpoints) throws Exception {
        try (Connection connection = jdbc(endpoints)) {
            connection.setAutoCommit(false);
            long start = System.nanoTime();
            long rows = 0;
            try (Statement statement = connection.createStatement()) {
                statement.setFetchSize(2000);
                try (ResultSet result = statement.executeQuery("select r.*, c.* from audit_service.audit_record r "
                        + "join audit_service.audit_chain c on c.record_id = r.id order by c.seq")) {
                    while (result.next()) {
                        result.getString("details");
                        rows++;
                    }
                }
            }
            return rows / ((System.nanoTime() - start) / 1e9);
        }
    }

    private static long count(Endpoints endpoints, String sql) throws Exception {
        try (Connection connection = jdbc(endpoints); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static Connection jdbc(Endpoints endpoints) throws Exception {
        return DriverManager.getConnection(endpoints.jdbcUrl(), endpoints.user(), endpoints.password());
    }
}

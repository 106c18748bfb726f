package dev.connectplane.foundation.outbox;

import dev.connectplane.contracts.envelope.Actor;
import dev.connectplane.contracts.envelope.EventCodec;
import dev.connectplane.contracts.envelope.EventEnvelope;
import dev.connectplane.contracts.envelope.EventType;
import dev.connectplane.contracts.Topics;
import dev.connectplane.contracts.operations.OutboxRowParked;
import dev.connectplane.foundation.config.FoundationConfig;
import dev.connectplane.foundation.pg.DedicatedConnections;
import dev.connectplane.foundation.pg.Wakeup;
import dev.connectplane.foundation.problem.EchoLimits;
import dev.connectplane.foundation.tracing.Traces;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.trace.Span;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgConnection;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * Publishes outbox rows to Kafka in {@code seq} order, which for one key is commit order.
 *
 * <p>One thread per instance runs the loop on a dedicated PostgreSQL connection. That
 * connection LISTENs on the schema's channel (the insert trigger notifies at commit) and holds a
 * session-level advisory lock: only the instance holding it publishes, and the lock passes to
 * another instance when its connection ends. A poll interval covers a lost notification. The
 * session sets TCP keepalives and {@code tcp_user_timeout} on PostgreSQL's side, so a leader
 * whose host or network died (no FIN, no RST) loses its session, and the lock, within
 * {@code connect.outbox.leader-dead-after}; a leader that cannot reach PostgreSQL for that long
 * gives up its round.
 *
 * <p>Each round reads up to a batch of unpublished rows, in chunks whose rows are sent while the
 * next chunk is read, all in one Kafka transaction; it waits for every acknowledgment, commits,
 * and only then marks them published, on a second
 * connection while the next round is read and sent ({@link PublishedMarks}). The producer's
 * {@code transactional.id} is the outbox's: a new leader's {@code initTransactions()} aborts
 * whatever the former leader left open and fences it, so a late send from a former leader
 * (paused, cut off) is refused and can never land after the rows the new leader publishes.
 * Consumers read with {@code isolation.level=read_committed}. When the broker is away the round
 * fails, nothing is marked, and the same rows are sent again, in the same order, once it is back:
 * delivery is at least once and consumers skip repeats.
 *
 * <p>A row the broker will never take (larger than {@code connect.outbox.max-record-bytes}, an
 * invalid topic, a record it refuses) is parked instead ({@link RoundPlan}): kept in the table
 * with its reason, counted ({@code connect.outbox.parked}), announced by an OutboxRowParked
 * event, and skipped with every later row of its key, which wait behind it; the other keys go on.
 *
 * <p>About once a {@code connect.outbox.watermark-interval} the leader also publishes its
 * watermark ({@link RelayWatermark}, {@code connect.outbox.watermarks}): as the last record of a
 * round that read every unpublished row, or in a transaction of its own when there was none. It
 * is how another service tells an object this one acknowledged but has not published yet (the
 * relay killed, or slow to restart) from one that does not exist.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final Duration RETRY_BACKOFF = Duration.ofMillis(500);
    private static final Duration CLEANUP_INTERVAL = Duration.ofMinutes(1);
    private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration BACKLOG_INTERVAL = Duration.ofSeconds(5);
    /** Rows read by one statement of a round; the round's rows go out while the next are read. */
    static final int READ_CHUNK = 2000;

    private final FoundationConfig.Outbox settings;
    private final String schema;
    private final Vertx vertx;
    private final Config config;
    private final OutboxProducerFactory producerFactory;
    private final Timer publishDelay;
    private final Counter published;
    private final Counter parkedTotal;
    private final AtomicLong parkedRows = new AtomicLong();
    private final AtomicLong backlogRows = new AtomicLong();
    private final AtomicLong backlogAgeMillis = new AtomicLong();
    private final Timer revocationDelay;
    private final String serviceName;
    private final OutboxWriter writer;
    private final Traces traces;
    private final RelayWatermark watermark;

    private final Wakeup wakeup = new Wakeup();
    private volatile boolean running;
    private volatile boolean leader;
    private Thread thread;
    private PgConnection connection;
    private PublishedMarks marks;
    /** The row's commit time where PostgreSQL tracks it ({@code track_commit_timestamp}), else its insert time. */
    private String commitTimeColumn = "created_at";
    private KafkaProducer<String, String> producer;
    private Instant nextCleanup = Instant.now();
    private Instant nextBacklog = Instant.now();

    public OutboxRelay(FoundationConfig foundation, Vertx vertx, Config config, OutboxProducerFactory producerFactory,
                       OutboxWriter writer, Traces traces, MeterRegistry registry) {
        this.writer = writer;
        this.traces = traces;
        this.settings = foundation.outbox();
        this.schema = foundation.dbSchema();
        this.vertx = vertx;
        this.config = config;
        this.producerFactory = producerFactory;
        this.publishDelay = Timer.builder("connect.outbox.commit_to_ack")
                .description("time from the outbox row's commit (its insert where commit times are not tracked) "
                        + "to the broker's acknowledgment")
                .publishPercentiles(0.5, 0.99).register(registry);
        this.revocationDelay = Timer.builder("connect.revocation.propagation")
                .description("time from the commit of an access change (a revocation, a grant taken away) to the "
                        + "broker's acknowledgment of it on " + Topics.ACCESS_CHANGES)
                .publishPercentiles(0.5, 0.99).register(registry);
        Gauge.builder("connect.outbox.backlog", backlogRows, AtomicLong::get)
                .description("outbox rows committed and not yet published (parked rows aside), as last measured")
                .baseUnit("rows").register(registry);
        Gauge.builder("connect.outbox.backlog.age", backlogAgeMillis, millis -> millis.get() / 1000.0)
                .description("age of the oldest unpublished outbox row, 0 when there is none, as last measured")
                .baseUnit("seconds").register(registry);
        this.published = Counter.builder("connect.outbox.published").register(registry);
        this.parkedTotal = Counter.builder("connect.outbox.parkings")
                .description("outbox rows set aside because the broker will never take them").register(registry);
        Gauge.builder("connect.outbox.parked", parkedRows, AtomicLong::get)
                .description("outbox rows parked now (the rows of their keys wait behind them)").register(registry);
        Gauge.builder("connect.outbox.leader", this, relay -> relay.isLeader() ? 1 : 0)
                .description("1 on the instance whose relay publishes this outbox now, 0 on the others").register(registry);
        this.serviceName = foundation.serviceName();
        this.watermark = new RelayWatermark(writer, serviceName, settings.watermarkInterval());
    }

    void onStart(@Observes StartupEvent event) {
        if (!settings.relayEnabled()) {
            LOG.info("outbox relay disabled on this instance");
            return;
        }
        running = true;
        marks = new PublishedMarks(schema, vertx, config, QUERY_TIMEOUT);
        thread = new Thread(this::loop, "outbox-relay-" + schema);
        thread.setDaemon(true);
        thread.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        running = false;
        wakeup.signal();
        if (thread != null) {
            try {
                thread.join(Duration.ofSeconds(10).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (marks != null) {
            marks.abandon();
        }
        closeConnection();
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }

    /** Whether this instance currently holds the relay lock. */
    public boolean isLeader() {
        return leader;
    }

    private void loop() {
        while (running) {
            try {
                ensureConnected();
                measureBacklogIfDue();
                if (!leader) {
                    discardProducer();
                    leader = tryLock();
                    if (leader) {
                        producer();
                    }
                }
                boolean more = leader && publishRound();
                if (leader) {
                    cleanupIfDue();
                }
                if (!more) {
                    awaitSignal(settings.pollInterval());
                }
            } catch (RuntimeException e) {
                if (running) {
                    LOG.warnf("outbox relay round failed, retrying: %s", e.toString());
                    discardProducer();
                    marks.abandon();
                    closeConnection();
                    awaitSignal(RETRY_BACKOFF);
                }
            }
        }
    }

    /**
     * Publishes one batch, with the relay's watermark when one is due and the round read every
     * unpublished row ({@link RelayWatermark}), or the watermark alone when there was none;
     * returns whether a full batch was read (more may be waiting).
     */
    private boolean publishRound() {
        long started = System.nanoTime();
        Instant readFrom = Instant.now();
        RoundPlan plan = RoundPlan.forRound(settings.maxRecordBytes());
        Sending sending = new Sending();
        RoundRead read = readAndSend(plan, sending);
        boolean withWatermark = read.rows() < settings.batchSize() && watermark.isDue(readFrom);
        if (withWatermark) {
            sending.sendWatermark(watermark.record(readFrom));
        }
        if (read.rows() == 0) {
            finishWatermark(sending, withWatermark);
            return false;
        }
        long readAndSent = System.nanoTime();
        List<Throwable> failures = sending.finish();
        if (withWatermark && sending.committed()) {
            watermark.published(Instant.now());
        }
        Instant acked = Instant.now();
        long committed = System.nanoTime();
        RoundPlan.Outcome outcome = RoundPlan.afterTransaction(plan.toSend(), failures, plan.parkedBeforeSending());
        plan.parkedBeforeSending().forEach(this::park);
        outcome.parked().forEach(this::park);
        markPublished(outcome.published(), acked);
        LOG.debugf("round of %d rows: read and sent in %d ms (%d statements, %d ms of it reading), acknowledged and "
                        + "committed %d ms later, its mark started after %d ms", read.rows(),
                (readAndSent - started) / 1_000_000, read.statements(), read.readingNanos() / 1_000_000,
                (committed - readAndSent) / 1_000_000, (System.nanoTime() - committed) / 1_000_000);
        if (outcome.retry()) {
            throw new IllegalStateException("the broker did not acknowledge every event of a round of " + read.rows()
                    + ": " + firstFailure(failures));
        }
        return read.rows() == settings.batchSize() || !outcome.parked().isEmpty();
    }

    /** Commits a round that read nothing: its watermark alone, if it carries one. */
    private void finishWatermark(Sending sending, boolean withWatermark) {
        if (withWatermark) {
            sending.finish();
            watermark.published(Instant.now());
        }
    }

    /** What a round read: its rows, in how many statements, and how long reading them took. */
    private record RoundRead(int rows, int statements, long readingNanos) {
    }

    /**
     * Reads the round, up to a batch of unpublished rows in seq order, in chunks of
     * {@value #READ_CHUNK}, and hands each chunk's rows to the producer as soon as it is read, so
     * that the producer's thread ships them while the next chunk is read.
     */
    private RoundRead readAndSend(RoundPlan plan, Sending sending) {
        SeqRanges inFlight = marks.inFlight();
        long after = Long.MIN_VALUE;
        int rows = 0;
        int statements = 0;
        long reading = 0;
        while (rows < settings.batchSize()) {
            int wanted = Math.min(READ_CHUNK, settings.batchSize() - rows);
            long started = System.nanoTime();
            List<OutboxRecord> chunk = readChunk(after, wanted, inFlight);
            reading += System.nanoTime() - started;
            statements++;
            for (OutboxRecord record : chunk) {
                if (plan.admit(record)) {
                    sending.send(record);
                }
            }
            rows += chunk.size();
            if (chunk.size() < wanted) {
                break;
            }
            after = chunk.get(chunk.size() - 1).seq();
        }
        return new RoundRead(rows, statements, reading);
    }

    /**
     * The next unpublished rows after seq {@code after}, in seq order, leaving out every key
     * that has a parked row and the rows being marked published. The parked keys (almost always
     * none) are collected once, before the rows are read: written as a correlated anti-join on the
     * table, the cached generic plan of this statement, made while the outbox was nearly all
     * published, scanned the whole table again for each of a 20,001-row cascade's rows and ran for
     * minutes.
     */
    private List<OutboxRecord> readChunk(long after, int limit, SeqRanges inFlight) {
        List<OutboxRecord> chunk = new ArrayList<>(Math.min(limit, 1024));
        connection.preparedQuery(roundQuery(schema, commitTimeColumn))
                .execute(Tuple.of(limit, after, inFlight.lows(), inFlight.highs()))
                .await().atMost(QUERY_TIMEOUT)
                .forEach(row -> chunk.add(new OutboxRecord(row.getLong("seq"), row.getString("event_id"),
                        row.getString("event_type"), row.getString("topic"), row.getString("record_key"),
                        row.getString("payload"), row.getString("content_type"), row.getOffsetDateTime("committed_at"),
                        row.getString("trace_parent"))));
        return chunk;
    }

    /**
     * The statement {@link #readChunk} runs: up to {@code $1} unpublished rows after seq
     * {@code $2} in seq order, without the keys that have a parked row and without the rows being
     * marked published now ({@link PublishedMarks}), given as the runs {@code $3[i]..$4[i]}.
     *
     * @param commitTime the column or expression read as the row's commit time
     */
    private static String roundQuery(String schema, String commitTime) {
        return "with parked_keys as materialized (select distinct record_key from " + schema
                + ".outbox_event where parked_at is not null and published_at is null) "
                + "select seq, event_id, event_type, topic, record_key, payload, content_type, trace_parent, "
                + commitTime + " as committed_at from " + schema + ".outbox_event o "
                + "where published_at is null and parked_at is null and seq > $2 "
                + "and not exists (select 1 from unnest(cast($3 as bigint[]), cast($4 as bigint[])) as marking(low, high) "
                + "where o.seq between marking.low and marking.high) "
                + "and not exists (select 1 from parked_keys k where k.record_key = o.record_key) "
                + "order by seq limit $1";
    }

    /**
     * One round's Kafka transaction: begun with its first record, each record's outcome kept
     * (null where the broker acknowledged, else the failure), committed when every record was
     * acknowledged, else aborted, so that a read-committed consumer sees the whole round or none
     * of it. The round's watermark, if it carries one, is its last record: a consumer sees it only
     * with the rows it vouches for.
     */
    private final class Sending {

        private final List<CompletableFuture<Throwable>> outcomes = new ArrayList<>();
        private CompletableFuture<Throwable> watermarkOutcome;
        private KafkaProducer<String, String> kafka;
        private boolean committed;

        private void begin() {
            if (kafka == null) {
                kafka = producer();
                kafka.beginTransaction();
            }
        }

        /**
         * Sends the record; a send the producer refuses at once (once one record of a transaction
         * failed, the producer refuses every later send of it) counts as that record's failure, so
         * that the round can still be judged, aborted and its refused rows parked.
         */
        void send(OutboxRecord record) {
            begin();
            CompletableFuture<Throwable> outcome = new CompletableFuture<>();
            Span send = traces.publishing(record.topic(), record.eventId(), record.eventType(), record.key(),
                    record.traceParent());
            try {
                kafka.send(record.toProducerRecord(send), (metadata, error) -> {
                    Traces.ended(send, error);
                    outcome.complete(error);
                });
            } catch (KafkaException refused) {
                Traces.ended(send, refused);
                outcome.complete(refused);
            }
            outcomes.add(outcome);
        }

        /** Sends the round's watermark, after its rows. */
        void sendWatermark(ProducerRecord<String, String> record) {
            begin();
            CompletableFuture<Throwable> outcome = new CompletableFuture<>();
            try {
                kafka.send(record, (metadata, error) -> outcome.complete(error));
            } catch (KafkaException refused) {
                outcome.complete(refused);
            }
            watermarkOutcome = outcome;
        }

        /**
         * Waits for every outcome, then commits or aborts the transaction; the rows' outcomes in
         * send order. A watermark the broker did not take aborts the round, which is tried again;
         * after a row the broker refused it fails too (the producer refuses every later send of
         * the transaction), and the round is judged by its rows.
         */
        List<Throwable> finish() {
            if (kafka == null) {
                return List.of();
            }
            List<CompletableFuture<Throwable>> all = new ArrayList<>(outcomes);
            if (watermarkOutcome != null) {
                all.add(watermarkOutcome);
            }
            try {
                CompletableFuture.allOf(all.toArray(CompletableFuture[]::new))
                        .get(settings.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while publishing", e);
            } catch (Exception e) {
                throw new IllegalStateException("the broker did not acknowledge " + outcomes.size() + " events in "
                        + settings.sendTimeout() + ": " + e, e);
            }
            List<Throwable> failures = outcomes.stream().map(CompletableFuture::join).toList();
            Throwable watermarkFailure = watermarkOutcome == null ? null : watermarkOutcome.join();
            boolean rowsTaken = failures.stream().allMatch(failure -> failure == null);
            if (watermarkFailure == null && rowsTaken) {
                kafka.commitTransaction();
                committed = true;
            } else {
                kafka.abortTransaction();
            }
            if (watermarkFailure != null && rowsTaken) {
                throw new IllegalStateException("the broker did not acknowledge the relay's watermark: " + watermarkFailure,
                        watermarkFailure);
            }
            return failures;
        }

        /** Whether the round's transaction was committed. */
        boolean committed() {
            return committed;
        }
    }

    /**
     * Counts the round's acknowledged rows and starts marking them published, once the round
     * marked before is done; the next round is read and sent meanwhile.
     */
    private void markPublished(List<OutboxRecord> records, Instant acked) {
        if (records.isEmpty()) {
            return;
        }
        marks.start(records.stream().map(OutboxRecord::seq).toArray(Long[]::new), commitTimeColumn);
        for (OutboxRecord record : records) {
            Duration delay = Duration.between(record.committedAt().toInstant(), acked);
            publishDelay.record(delay);
            if (Topics.ACCESS_CHANGES.equals(record.topic())) {
                revocationDelay.record(delay);
            }
        }
        published.increment(records.size());
    }

    /**
     * Sets the row aside for good, with its reason, and in the same statement appends an
     * OutboxRowParked event (its own key, so it does not wait behind the parked row).
     */
    private void park(RoundPlan.Parked parked) {
        OutboxRecord record = parked.record();
        String reason = EchoLimits.text(parked.reason(), 1000);
        OutboxRowParked notice = new OutboxRowParked(serviceName, record.seq(), record.eventId(), record.eventType(),
                record.topic(), record.key(), record.sizeBytes(), reason, OutboxWriter.now());
        EventEnvelope<OutboxRowParked> event = writer.envelope(notice, Actor.system(serviceName), null);
        EventType type = EventType.of(notice);
        connection.preparedQuery("with parked as (update " + schema + ".outbox_event set parked_at = clock_timestamp(), "
                        + "park_reason = $2 where seq = $1 and parked_at is null and published_at is null returning seq) "
                        + "insert into " + schema + ".outbox_event (event_id, topic, record_key, event_type, payload) "
                        + "select $3, $4, $5, $6, $7 from parked")
                .execute(Tuple.from(List.of(record.seq(), reason, event.id(), type.topic(), notice.partitionKey(),
                        type.type(), EventCodec.encode(event))))
                .await().atMost(QUERY_TIMEOUT);
        parkedRows.incrementAndGet();
        parkedTotal.increment();
        MDC.put(Traces.MDC_EVENT_ID, record.eventId());
        MDC.put(Traces.MDC_SERVER_ID, record.key());
        LOG.errorf("outbox row %d (event %s, %s, key %s) parked: %s; the rows of its key wait behind it, the other "
                + "keys go on", record.seq(), record.eventId(), record.eventType(), record.key(), reason);
        MDC.remove(Traces.MDC_EVENT_ID);
        MDC.remove(Traces.MDC_SERVER_ID);
    }

    private static String firstFailure(List<Throwable> failures) {
        return failures.stream().filter(failure -> failure != null).findFirst().map(Throwable::toString).orElse("none");
    }

    /** Rows parked in this outbox now, as the leader last counted them. */
    public long parkedRows() {
        return parkedRows.get();
    }

    /**
     * Measures the backlog (on every instance: the gauges must say how far behind the outbox is
     * while the leader's rounds fail, a broker away) at most every 5 s.
     */
    private void measureBacklogIfDue() {
        if (Instant.now().isBefore(nextBacklog)) {
            return;
        }
        nextBacklog = Instant.now().plus(BACKLOG_INTERVAL);
        Row row = connection.query("select count(*) as rows, coalesce(extract(epoch from clock_timestamp() - "
                        + "min(created_at)) * 1000, 0)::bigint as age_millis from " + schema + ".outbox_event "
                        + "where published_at is null and parked_at is null")
                .execute().await().atMost(QUERY_TIMEOUT).iterator().next();
        backlogRows.set(row.getLong("rows"));
        backlogAgeMillis.set(Math.max(0, row.getLong("age_millis")));
    }

    private void countParked() {
        long count = connection.query("select count(*) from " + schema + ".outbox_event where parked_at is not null "
                        + "and published_at is null")
                .execute().await().atMost(QUERY_TIMEOUT).iterator().next().getLong(0);
        parkedRows.set(count);
    }

    private void ensureConnected() {
        if (connection != null) {
            return;
        }
        PgConnection opened = PgConnection.connect(vertx, DedicatedConnections.options(config)).await().atMost(QUERY_TIMEOUT);
        opened.notificationHandler(notification -> wakeup.signal());
        opened.closeHandler(() -> {
            leader = false;
            wakeup.signal();
        });
        detectDeadPeers(opened);
        opened.query("LISTEN outbox_" + schema).execute().await().atMost(QUERY_TIMEOUT);
        boolean commitTimesTracked = "on".equals(opened.query("select current_setting('track_commit_timestamp')")
                .execute().await().atMost(QUERY_TIMEOUT).iterator().next().getString(0));
        commitTimeColumn = commitTimesTracked ? "coalesce(pg_xact_commit_timestamp(xmin), created_at)" : "created_at";
        connection = opened;
    }

    /**
     * PostgreSQL's side of the session gives up on this instance when it stops answering
     * ({@link LeaderLiveness}): its session ends and the advisory lock is free for another instance.
     * And it gives up on a statement when the relay does ({@code statement_timeout}): a statement
     * left running after the relay stopped waiting would keep the session, and the lock, busy, and
     * no instance would publish until it ended.
     */
    private void detectDeadPeers(PgConnection opened) {
        LeaderLiveness liveness = LeaderLiveness.within(settings.leaderDeadAfter());
        opened.preparedQuery("select set_config('tcp_keepalives_idle', $1, false), "
                        + "set_config('tcp_keepalives_interval', $2, false), set_config('tcp_keepalives_count', $3, false), "
                        + "set_config('tcp_user_timeout', $4, false), set_config('statement_timeout', $5, false)")
                .execute(Tuple.of(String.valueOf(liveness.idleSeconds()), String.valueOf(liveness.intervalSeconds()),
                        String.valueOf(liveness.probes()), String.valueOf(liveness.userTimeoutMillis()),
                        String.valueOf(QUERY_TIMEOUT.toMillis())))
                .await().atMost(QUERY_TIMEOUT);
    }

    private boolean tryLock() {
        Row row = connection.preparedQuery("select pg_try_advisory_lock(hashtext($1)) as locked")
                .execute(Tuple.of("outbox-relay:" + schema))
                .await().atMost(QUERY_TIMEOUT).iterator().next();
        boolean locked = row.getBoolean("locked");
        if (locked) {
            LOG.infof("outbox relay for schema %s is publishing on this instance", schema);
        }
        return locked;
    }

    private void cleanupIfDue() {
        if (Instant.now().isBefore(nextCleanup)) {
            return;
        }
        nextCleanup = Instant.now().plus(CLEANUP_INTERVAL);
        countParked();
        connection.preparedQuery("delete from " + schema + ".outbox_event where published_at < $1")
                .execute(Tuple.of(OffsetDateTime.now().minus(settings.retention())))
                .await().atMost(QUERY_TIMEOUT);
    }

    /**
     * Drops the producer after a failed round, aborting whatever it still buffers: those rows are
     * sent again from the table, and a late delivery from the old buffer could otherwise land
     * after them and break the per-key order.
     */
    private void discardProducer() {
        if (producer != null) {
            producer.close(Duration.ZERO);
            producer = null;
        }
    }

    /** The leader's producer; creating it fences every earlier producer of this outbox. */
    private KafkaProducer<String, String> producer() {
        if (producer == null) {
            KafkaProducer<String, String> created = producerFactory.create("outbox-relay-" + schema);
            try {
                created.initTransactions();
            } catch (RuntimeException e) {
                created.close(Duration.ZERO);
                throw e;
            }
            producer = created;
        }
        return producer;
    }

    private void awaitSignal(Duration timeout) {
        if (!wakeup.await(timeout)) {
            running = false;
        }
    }

    private void closeConnection() {
        leader = false;
        PgConnection current = connection;
        connection = null;
        DedicatedConnections.closeQuietly(current, "relay");
    }
}

package dev.connectplane.audit.service;

import dev.connectplane.audit.config.AuditConfig;
import dev.connectplane.audit.repository.AuditRecord;
import dev.connectplane.audit.repository.AuditRows;
import dev.connectplane.foundation.config.FoundationConfig;
import dev.connectplane.foundation.pg.DedicatedConnections;
import dev.connectplane.foundation.pg.Wakeup;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgConnection;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

/**
 * Places new records in the hash chain, in the spirit of CloudTrail's digest chain: each
 * record's hash covers its content, its position and the previous record's hash. Appends commit
 * in record-ID order (they are serialized), so this one thread follows them with a watermark,
 * the last chained record ID: it takes the records after it in ID order, a batch per
 * transaction, and inserts for each the next position, the previous hash and its own hash into
 * {@code audit_chain}. Records are never updated. A transaction-scoped advisory lock makes the
 * chain one sequence even with several instances. Woken by NOTIFY at each insert's commit, with a 200 ms poll as fallback.
 * Records are queryable once chained, so a query never sees a record change its position.
 */
@ApplicationScoped
public class AuditChainer {

    private static final Logger LOG = Logger.getLogger(AuditChainer.class);
    private static final Duration POLL = Duration.ofMillis(200);

    private final Vertx vertx;
    private final Config config;
    private final String schema;
    private final int batchSize;
    private final Counter chained;
    private final Wakeup wakeup = new Wakeup();
    private volatile boolean running;
    private PgConnection connection;
    private Thread thread;

    public AuditChainer(Vertx vertx, Config config, FoundationConfig foundation, AuditConfig audit, MeterRegistry registry) {
        this.vertx = vertx;
        this.config = config;
        this.schema = foundation.dbSchema();
        this.batchSize = audit.chainBatchSize();
        this.chained = Counter.builder("connect.audit.chained").register(registry);
    }

    void onStart(@Observes StartupEvent event) {
        running = true;
        thread = new Thread(this::loop, "audit-chainer");
        thread.setDaemon(true);
        thread.start();
    }

    void onStop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        wakeup.signal();
        if (thread != null) {
            thread.join(5_000);
        }
        closeConnection();
    }

    private void loop() {
        while (running) {
            try {
                ensureConnected();
                if (chainRound() < batchSize) {
                    awaitSignal(POLL);
                }
            } catch (RuntimeException e) {
                if (running) {
                    LOG.warnf("audit chain round failed, retrying: %s", e.toString());
                    closeConnection();
                    awaitSignal(Duration.ofSeconds(1));
                }
            }
        }
    }

    /** Chains one batch; returns how many records it chained. */
    int chainRound() {
        Transaction transaction = connection.begin().await().atMost(Duration.ofSeconds(30));
        try {
            connection.query("select pg_advisory_xact_lock(hashtext('audit-chain:" + schema + "'))").execute()
                    .await().atMost(Duration.ofSeconds(30));
            Row head = first(connection.query("select seq, record_id, hash from " + schema + ".audit_chain "
                    + "order by seq desc limit 1").execute().await().atMost(Duration.ofSeconds(30)));
            long seq = head == null ? 0 : head.getLong("seq");
            long watermark = head == null ? 0 : head.getLong("record_id");
            String previous = head == null ? RecordHasher.GENESIS : head.getString("hash");
            List<Long> ids = new ArrayList<>();
            List<Long> positions = new ArrayList<>();
            List<String> previousHashes = new ArrayList<>();
            List<String> hashes = new ArrayList<>();
            for (Row row : connection.preparedQuery("select * from " + schema + ".audit_record where id > $1 "
                    + "order by id limit $2").execute(Tuple.of(watermark, batchSize)).await().atMost(Duration.ofSeconds(30))) {
                AuditRecord record = AuditRows.toRecord(row);
                seq++;
                String hash = RecordHasher.hash(record, seq, previous);
                ids.add(record.id());
                positions.add(seq);
                previousHashes.add(previous);
                hashes.add(hash);
                previous = hash;
            }
            if (!ids.isEmpty()) {
                connection.preparedQuery("insert into " + schema + ".audit_chain (record_id, seq, prev_hash, hash) "
                                + "select * from unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[])")
                        .execute(Tuple.of(ids.toArray(Long[]::new), positions.toArray(Long[]::new),
                                previousHashes.toArray(String[]::new), hashes.toArray(String[]::new)))
                        .await().atMost(Duration.ofSeconds(30));
            }
            transaction.commit().await().atMost(Duration.ofSeconds(30));
            chained.increment(ids.size());
            return ids.size();
        } catch (RuntimeException e) {
            transaction.rollback().subscribe().with(ignored -> { }, ignored -> { });
            throw e;
        }
    }

    private static Row first(Iterable<Row> rows) {
        for (Row row : rows) {
            return row;
        }
        return null;
    }

    private void ensureConnected() {
        if (connection != null) {
            return;
        }
        PgConnection opened = PgConnection.connect(vertx, DedicatedConnections.options(config))
                .await().atMost(Duration.ofSeconds(30));
        opened.notificationHandler(notification -> wakeup.signal());
        opened.query("LISTEN audit_appended_" + schema).execute().await().atMost(Duration.ofSeconds(30));
        connection = opened;
    }

    private void closeConnection() {
        PgConnection open = connection;
        connection = null;
        if (open != null) {
            open.close().subscribe().with(ignored -> { }, ignored -> { });
        }
    }

    private void awaitSignal(Duration timeout) {
        if (!wakeup.await(timeout)) {
            running = false;
        }
    }
}

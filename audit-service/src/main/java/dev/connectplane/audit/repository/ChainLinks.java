package dev.connectplane.audit.repository;

import dev.connectplane.foundation.config.FoundationConfig;
import dev.connectplane.foundation.pg.DedicatedConnections;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgConnection;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.Config;

/**
 * The chainer's connection and statements: a dedicated connection that LISTENs for appends, one
 * transaction per round, and in it the chain lock, the head, the records after it, the new links,
 * and a checkpoint queued in the outbox with them. Used by the chainer's one thread.
 */
@ApplicationScoped
public class ChainLinks {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** The last link: its position, its record and its hash. */
    public record Head(long seq, long recordId, String hash) {
    }

    /** New links, in chain order. */
    public record Links(List<Long> recordIds, List<Long> positions, List<String> previousHashes, List<String> hashes) {

        public static Links empty() {
            return new Links(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        }

        public void add(long recordId, long seq, String previousHash, String hash) {
            recordIds.add(recordId);
            positions.add(seq);
            previousHashes.add(previousHash);
            hashes.add(hash);
        }

        public int size() {
            return recordIds.size();
        }
    }

    private final String schema;
    private final Vertx vertx;
    private final Config config;
    private PgConnection connection;

    public ChainLinks(FoundationConfig foundation, Vertx vertx, Config config) {
        this.schema = foundation.dbSchema();
        this.vertx = vertx;
        this.config = config;
    }

    /** Opens the dedicated connection, unless open, calling {@code onAppended} at every append's commit. */
    public void connect(Runnable onAppended) {
        if (connection != null) {
            return;
        }
        PgConnection opened = PgConnection.connect(vertx, DedicatedConnections.options(config)).await().atMost(TIMEOUT);
        opened.notificationHandler(notification -> onAppended.run());
        opened.query("LISTEN audit_appended_" + schema).execute().await().atMost(TIMEOUT);
        connection = opened;
    }

    public void close() {
        PgConnection open = connection;
        connection = null;
        if (open != null) {
            open.close().subscribe().with(ignored -> { }, ignored -> { });
        }
    }

    /** Runs {@code work} in one transaction on the dedicated connection: committed if it returns, rolled back if it throws. */
    public <T> T inTransaction(Supplier<T> work) {
        Transaction transaction = connection.begin().await().atMost(TIMEOUT);
        try {
            T result = work.get();
            transaction.commit().await().atMost(TIMEOUT);
            return result;
        } catch (RuntimeException e) {
            transaction.rollback().subscribe().with(ignored -> { }, ignored -> { });
            throw e;
        }
    }

    /** Makes the chain one sequence across instances until the transaction ends. */
    public void lock() {
        connection.query("select pg_advisory_xact_lock(hashtext('audit-chain:" + schema + "'))").execute()
                .await().atMost(TIMEOUT);
    }

    /** The last link, or null for an empty chain. */
    public Head head() {
        for (Row row : connection.query("select seq, record_id, hash from " + schema + ".audit_chain order by seq desc limit 1")
                .execute().await().atMost(TIMEOUT)) {
            return new Head(row.getLong("seq"), row.getLong("record_id"), row.getString("hash"));
        }
        return null;
    }

    /** Up to {@code limit} records after {@code watermark}, in ID (commit) order. */
    public List<AuditRecord> recordsAfter(long watermark, int limit) {
        return AuditRows.toRecords(connection.preparedQuery("select * from " + schema
                        + ".audit_record where id > $1 order by id limit $2")
                .execute(Tuple.of(watermark, limit)).await().atMost(TIMEOUT));
    }

    public void insert(Links links) {
        if (links.size() == 0) {
            return;
        }
        connection.preparedQuery("insert into " + schema + ".audit_chain (record_id, seq, prev_hash, hash) "
                        + "select * from unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[])")
                .execute(Tuple.of(links.recordIds().toArray(Long[]::new), links.positions().toArray(Long[]::new),
                        links.previousHashes().toArray(String[]::new), links.hashes().toArray(String[]::new)))
                .await().atMost(TIMEOUT);
    }

    /** Queues an event (already encoded) in this service's outbox, in the chainer's transaction. */
    public void queue(String eventId, String topic, String key, String eventType, String payload) {
        connection.preparedQuery("insert into " + schema + ".outbox_event (event_id, topic, record_key, event_type, payload) "
                        + "values ($1, $2, $3, $4, $5)")
                .execute(Tuple.of(eventId, topic, key, eventType, payload))
                .await().atMost(TIMEOUT);
    }
}

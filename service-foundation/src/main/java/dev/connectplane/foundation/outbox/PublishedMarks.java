package dev.connectplane.foundation.outbox;

import dev.connectplane.foundation.pg.DedicatedConnections;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

/**
 * Marks a round's rows published on a connection of its own, while the relay reads and sends
 * the next round: marking 20,000 rows takes PostgreSQL about a second, and the rows behind them
 * waited that long. At most one round is being marked; its rows are {@linkplain #inFlight in
 * flight} and the relay's next read leaves them out, so none is sent twice while the broker and
 * the database are fine. A mark that fails is thrown from the next call; its rows stay
 * unpublished and go out again (at least once, as when a leader dies between the broker's
 * commit and the mark).
 */
final class PublishedMarks {

    private static final Logger LOG = Logger.getLogger(PublishedMarks.class);
    private final String schema;
    private final Vertx vertx;
    private final Config config;
    private final Duration timeout;
    private PgConnection connection;
    private CompletableFuture<Void> pending = CompletableFuture.completedFuture(null);
    private SeqRanges inFlight = SeqRanges.NONE;

    PublishedMarks(String schema, Vertx vertx, Config config, Duration timeout) {
        this.schema = schema;
        this.vertx = vertx;
        this.config = config;
        this.timeout = timeout;
    }

    /** The rows being marked now, for the next read to leave out; throws if the last mark failed. */
    SeqRanges inFlight() {
        if (pending.isDone()) {
            settle();
        }
        return inFlight;
    }

    /**
     * Waits for the round being marked, then starts marking these rows (the relay's commit-time
     * column or expression is copied to {@code committed_at}).
     */
    void start(Long[] seqs, String commitTimeColumn) {
        settle();
        if (seqs.length == 0) {
            return;
        }
        PgConnection marker = connected();
        long started = System.nanoTime();
        inFlight = SeqRanges.of(seqs);
        pending = marker.preparedQuery("update " + schema + ".outbox_event set published_at = clock_timestamp(), "
                        + "committed_at = " + commitTimeColumn + ", payload = case when scrub_on_publish then '' else "
                        + "payload end where seq = any($1)")
                .execute(Tuple.of(seqs))
                .subscribeAsCompletionStage()
                .toCompletableFuture()
                .thenAccept(rows -> LOG.debugf("%d rows marked published in %d ms", seqs.length,
                        (System.nanoTime() - started) / 1_000_000));
    }

    /** Waits for the round being marked; its failure is thrown. */
    void settle() {
        try {
            pending.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            inFlight = SeqRanges.NONE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while marking rows published", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("marking " + inFlight.size() + " rows published failed: " + e, e);
        }
    }

    /**
     * After a failed round, or at shutdown: waits a little for the round being marked (its rows
     * are then not sent again), whatever its outcome, and closes the connection.
     */
    void abandon() {
        try {
            settle();
        } catch (RuntimeException e) {
            LOG.debugf("the last mark did not complete: %s; its rows go out again", e.toString());
        }
        pending = CompletableFuture.completedFuture(null);
        inFlight = SeqRanges.NONE;
        PgConnection current = connection;
        connection = null;
        DedicatedConnections.closeQuietly(current, "marking");
    }

    /** The marking connection; a statement it gives up on ends on PostgreSQL's side too. */
    private PgConnection connected() {
        if (connection == null) {
            PgConnection opened = PgConnection.connect(vertx, DedicatedConnections.options(config)).await().atMost(timeout);
            opened.preparedQuery("select set_config('statement_timeout', $1, false)")
                    .execute(Tuple.of(String.valueOf(timeout.toMillis())))
                    .await().atMost(timeout);
            connection = opened;
        }
        return connection;
    }
}

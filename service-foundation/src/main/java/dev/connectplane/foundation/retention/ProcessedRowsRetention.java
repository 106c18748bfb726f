package dev.connectplane.foundation.retention;

import dev.connectplane.foundation.config.FoundationConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Deletes the idempotence records older than {@code connect.retention.processed-rows} (14 days):
 * the inbox's processed-event rows and the command log. Without it both grow forever. Runs every
 * {@code connect.retention.interval} (1 h) on each instance, in batches of
 * {@code connect.retention.batch-size} rows; safe with several instances, since each batch takes
 * only rows no other transaction holds ({@code for update skip locked}), so two instances never
 * wait on each other or delete the same row twice. Counter
 * {@code connect.retention.deleted{table}}.
 */
@ApplicationScoped
public class ProcessedRowsRetention {

    private static final Logger LOG = Logger.getLogger(ProcessedRowsRetention.class);

    /** The tables and the column that dates their rows. */
    enum Table {
        INBOX("inbox_processed_event", "processed_at"),
        COMMAND_LOG("command_log", "received_at");

        final String name;
        final String datedBy;

        Table(String name, String datedBy) {
            this.name = name;
            this.datedBy = datedBy;
        }
    }

    private final Pool pool;
    private final Vertx vertx;
    private final String schema;
    private final Duration keep;
    private final Duration interval;
    private final int batchSize;
    private final Map<Table, Counter> deleted = new EnumMap<>(Table.class);
    private final AtomicBoolean running = new AtomicBoolean();
    private long timer = -1;

    public ProcessedRowsRetention(Pool pool, Vertx vertx, FoundationConfig config, MeterRegistry registry) {
        this.pool = pool;
        this.vertx = vertx;
        this.schema = config.dbSchema();
        this.keep = config.retention().processedRows();
        this.interval = config.retention().interval();
        this.batchSize = config.retention().batchSize();
        for (Table table : Table.values()) {
            deleted.put(table, Counter.builder("connect.retention.deleted")
                    .description("idempotence rows deleted for age")
                    .tag("table", table.name)
                    .register(registry));
        }
    }

    void onStart(@Observes StartupEvent event) {
        timer = vertx.setPeriodic(interval.toMillis(), id -> purgeInBackground());
    }

    void onStop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    private void purgeInBackground() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        purge()
                .onTermination().invoke(() -> running.set(false))
                .subscribe().with(
                        deleted -> LOG.debugf("retention deleted %d idempotence rows older than %s", deleted, keep),
                        failure -> LOG.warnf("retention of idempotence rows failed, tried again in %s: %s", interval,
                                failure.getMessage()));
    }

    /** Deletes every row older than the retention, batch after batch; the number deleted. */
    public Uni<Long> purge() {
        OffsetDateTime before = OffsetDateTime.now().minus(keep);
        return purge(Table.INBOX, before)
                .chain(inbox -> purge(Table.COMMAND_LOG, before).map(commands -> inbox + commands));
    }

    private Uni<Long> purge(Table table, OffsetDateTime before) {
        return deleteBatch(table, before)
                .chain(deleted -> deleted < batchSize
                        ? Uni.createFrom().item((long) deleted)
                        : purge(table, before).map(more -> deleted + more));
    }

    private Uni<Integer> deleteBatch(Table table, OffsetDateTime before) {
        String qualified = schema + "." + table.name;
        return pool.preparedQuery("delete from " + qualified + " where ctid in (select ctid from " + qualified
                        + " where " + table.datedBy + " < $1 limit $2 for update skip locked)")
                .execute(Tuple.of(before, batchSize))
                .map(rows -> rows.rowCount())
                .invoke(count -> deleted.get(table).increment(count));
    }
}

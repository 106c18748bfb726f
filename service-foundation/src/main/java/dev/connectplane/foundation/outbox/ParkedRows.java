package dev.connectplane.foundation.outbox;

import dev.connectplane.foundation.config.FoundationConfig;
import dev.connectplane.foundation.operations.ParkedRow;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.stream.StreamSupport;

/**
 * The parked rows of this service's outbox, for operators: list them, send one again (after the
 * broker was changed to take it) or discard it (so that the rows of its key behind it go).
 */
@ApplicationScoped
public class ParkedRows {

    private final Pool pool;
    private final String list;
    private final String retry;
    private final String discard;

    public ParkedRows(Pool pool, FoundationConfig foundation) {
        this.pool = pool;
        String table = foundation.dbSchema() + ".outbox_event";
        String parked = "parked_at is not null and published_at is null";
        this.list = "select seq, event_id, event_type, topic, record_key, park_reason, length(payload) as payload_chars, "
                + "created_at, parked_at from " + table + " where " + parked + " order by seq limit $1";
        this.retry = "update " + table + " set parked_at = null, park_reason = null where seq = $1 and " + parked
                + " returning seq";
        this.discard = "update " + table + " set published_at = clock_timestamp(), payload = '', park_reason = "
                + "park_reason || ' (discarded by ' || $2 || ')' where seq = $1 and " + parked + " returning seq";
    }

    public Uni<List<ParkedRow>> list(int limit) {
        return pool.preparedQuery(list)
                .execute(Tuple.of(limit))
                .map(rows -> StreamSupport.stream(rows.spliterator(), false).map(ParkedRows::parkedRow).toList());
    }

    /** Unparks the row: the relay sends it again, first of its key. False when no such parked row. */
    public Uni<Boolean> retry(long seq) {
        return pool.preparedQuery(retry)
                .execute(Tuple.of(seq))
                .map(rows -> rows.size() == 1);
    }

    /** Gives the row up (marked published, payload emptied): the rows of its key go on. False when no such parked row. */
    public Uni<Boolean> discard(long seq, String actor) {
        return pool.preparedQuery(discard)
                .execute(Tuple.of(seq, actor))
                .map(rows -> rows.size() == 1);
    }

    private static ParkedRow parkedRow(Row row) {
        return new ParkedRow(row.getLong("seq"), row.getString("event_id"), row.getString("event_type"),
                row.getString("topic"), row.getString("record_key"), row.getString("park_reason"),
                row.getLong("payload_chars"), row.getOffsetDateTime("created_at"), row.getOffsetDateTime("parked_at"));
    }
}

package dev.connectplane.audit.repository;

import dev.connectplane.foundation.config.FoundationConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.function.LongFunction;

/**
 * Where each SIEM target stands in the chain ({@code siem_delivery}): the position of the last
 * record it acknowledged, locked for the round that delivers the next ones.
 */
@ApplicationScoped
public class DeliveryStore {

    private final Pool pool;
    private final String table;

    public DeliveryStore(Pool pool, FoundationConfig foundation) {
        this.pool = pool;
        this.table = foundation.dbSchema() + ".siem_delivery";
    }

    /** Makes the target's row, at position 0, unless it exists. */
    public Uni<Void> register(String target) {
        return pool.preparedQuery("insert into " + table + " (target) values ($1) on conflict (target) do nothing")
                .execute(Tuple.of(target))
                .replaceWithVoid();
    }

    /**
     * One delivery round: locks the target's position (or finds it locked by another instance and
     * returns empty), runs {@code deliverAfter} with it, and stores the position it returns, in one
     * transaction. A failure rolls the round back: the position stays where it was.
     */
    public Uni<Optional<Long>> round(String target, LongFunction<Uni<Long>> deliverAfter) {
        return pool.withTransaction(connection -> lock(connection, target)
                .chain(position -> position.isEmpty()
                        ? Uni.createFrom().item(Optional.<Long>empty())
                        : deliverAfter.apply(position.get())
                                .chain(delivered -> advance(connection, target, position.get(), delivered))));
    }

    /** The target's position now, or 0. */
    public Uni<Long> position(String target) {
        return pool.preparedQuery("select delivered_seq from " + table + " where target = $1")
                .execute(Tuple.of(target))
                .map(rows -> rows.size() == 0 ? 0L : rows.iterator().next().getLong(0));
    }

    private Uni<Optional<Long>> lock(SqlConnection connection, String target) {
        return connection.preparedQuery("select delivered_seq from " + table + " where target = $1 for update skip locked")
                .execute(Tuple.of(target))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getLong(0)));
    }

    private Uni<Optional<Long>> advance(SqlConnection connection, String target, long from, long to) {
        if (to <= from) {
            return Uni.createFrom().item(Optional.of(from));
        }
        return connection.preparedQuery("update " + table + " set delivered_seq = $2, delivered_at = clock_timestamp(), "
                        + "updated_at = clock_timestamp() where target = $1")
                .execute(Tuple.of(target, to))
                .replaceWith(Optional.of(to));
    }
}

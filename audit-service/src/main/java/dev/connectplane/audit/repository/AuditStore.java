package dev.connectplane.audit.repository;

import dev.connectplane.foundation.config.FoundationConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The audit tables, with the reactive PostgreSQL client: records are appended with one insert
 * that is also the idempotency check ({@code on conflict (event_id) do nothing}), names are
 * upserted, and the OCSF form of a record goes into the outbox in the same transaction.
 */
@ApplicationScoped
public class AuditStore {

    public static final String SIEM_CONTENT_TYPE = "application/json; charset=UTF-8";

    private final Pool pool;
    private final String records;
    private final String names;
    private final String outbox;

    public AuditStore(Pool pool, FoundationConfig foundation) {
        this.pool = pool;
        String schema = foundation.dbSchema();
        this.records = schema + ".audit_record";
        this.names = schema + ".audit_name";
        this.outbox = schema + ".outbox_event";
    }

    /**
     * Appends a record unless its event was recorded before.
     *
     * @param siem the record's OCSF form for {@code connect.audit.siem}, made from the record with its names
     * @return whether it was new
     */
    public Uni<Boolean> append(AuditRecord draft, String siemTopic, Function<AuditRecord, String> siem) {
        return pool.withTransaction(connection -> withKnownNames(connection, draft).chain(record -> connection
                .preparedQuery("insert into " + records + " (event_id, event_type, known_type, event_time, ingest_time, "
                        + "actor_id, actor_type, actor_groups, action, outcome, server_id, server_name, token_id, token_name, "
                        + "vault_ids, vault_names, group_id, group_name, causation_id, source_topic, source_partition, "
                        + "source_offset, details) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, "
                        + "$16, $17, $18, $19, $20, $21, $22, $23) on conflict (event_id) do nothing returning id")
                .execute(Tuple.tuple(Arrays.asList(record.eventId(), record.eventType(), record.knownType(),
                        record.eventTime(), record.ingestTime(), record.actorId(), record.actorType(),
                        record.actorGroups().toArray(String[]::new), record.action(), record.outcome(), record.serverId(),
                        record.serverName(), record.tokenId(), record.tokenName(), record.vaultIds().toArray(String[]::new),
                        record.vaultNames().toArray(String[]::new), record.groupId(), record.groupName(),
                        record.causationId(), record.sourceTopic(), record.sourcePartition(), record.sourceOffset(),
                        record.details())))
                .chain(inserted -> {
                    if (inserted.size() == 0) {
                        return Uni.createFrom().item(false);
                    }
                    return rememberNames(connection, record)
                            .chain(() -> connection.preparedQuery("insert into " + outbox
                                            + " (event_id, topic, record_key, event_type, payload, content_type) "
                                            + "values ($1, $2, $3, $4, $5, $6)")
                                    .execute(Tuple.tuple(Arrays.asList("ocsf-" + record.eventId(), siemTopic,
                                            record.serverId() != null ? record.serverId() : record.eventId(),
                                            record.eventType(), siem.apply(record), SIEM_CONTENT_TYPE))))
                            .replaceWith(true);
                })));
    }

    /** Fills in the names of targets the event names only by ID, from names seen before. */
    private Uni<AuditRecord> withKnownNames(SqlConnection connection, AuditRecord record) {
        boolean vaultsUnnamed = record.vaultNames().stream().anyMatch(name -> name == null);
        if ((record.serverId() == null || record.serverName() != null) && (record.tokenId() == null || record.tokenName() != null)
                && (record.groupId() == null || record.groupName() != null) && !vaultsUnnamed) {
            return Uni.createFrom().item(record);
        }
        List<String> ids = new ArrayList<>(record.vaultIds());
        ids.add(record.serverId());
        ids.add(record.tokenId());
        ids.add(record.groupId());
        return connection.preparedQuery("select kind, id, name from " + names + " where id = any($1)")
                .execute(Tuple.of(ids.stream().filter(id -> id != null).toArray(String[]::new)))
                .map(rows -> {
                    Map<String, String> known = new HashMap<>();
                    rows.forEach(row -> known.put(row.getString("kind") + ":" + row.getString("id"), row.getString("name")));
                    List<String> vaultNames = new ArrayList<>();
                    for (int i = 0; i < record.vaultIds().size(); i++) {
                        String name = record.vaultNames().get(i);
                        vaultNames.add(name != null ? name : known.get("vault:" + record.vaultIds().get(i)));
                    }
                    return record.withNames(known.get("server:" + record.serverId()), known.get("token:" + record.tokenId()),
                            vaultNames, known.get("group:" + record.groupId()));
                });
    }

    private Uni<Void> rememberNames(SqlConnection connection, AuditRecord record) {
        List<Tuple> upserts = new ArrayList<>();
        addName(upserts, "server", record.serverId(), record.serverName());
        addName(upserts, "token", record.tokenId(), record.tokenName());
        addName(upserts, "group", record.groupId(), record.groupName());
        for (int i = 0; i < record.vaultIds().size(); i++) {
            addName(upserts, "vault", record.vaultIds().get(i), record.vaultNames().get(i));
        }
        if (upserts.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return connection.preparedQuery("insert into " + names + " (kind, id, name) values ($1, $2, $3) "
                        + "on conflict (kind, id) do update set name = excluded.name")
                .executeBatch(upserts).replaceWithVoid();
    }

    private static void addName(List<Tuple> upserts, String kind, String id, String name) {
        if (id != null && name != null) {
            upserts.add(Tuple.of(kind, id, name));
        }
    }

    /** Chained records matching the filter, after (or before, newest first) a chain position. */
    public Uni<List<AuditRecord>> page(AuditFilter filter, Long after, boolean newestFirst, int limit) {
        AuditFilter.Where where = filter.where(1);
        List<Object> parameters = new ArrayList<>(where.parameters());
        String position = "";
        if (after != null) {
            parameters.add(after);
            position = " and chain_seq " + (newestFirst ? "<" : ">") + " $" + parameters.size();
        }
        parameters.add(limit);
        String sql = "select * from " + records + " where chain_seq is not null and " + where.sql() + position
                + " order by chain_seq " + (newestFirst ? "desc" : "asc") + " limit $" + parameters.size();
        return pool.preparedQuery(sql).execute(Tuple.tuple(parameters)).map(AuditStore::toRecords);
    }

    /** Chained records with {@code from <= chain_seq <= to}, in chain order, at most {@code limit}. */
    public Uni<List<AuditRecord>> chainSlice(long from, long to, int limit) {
        return pool.preparedQuery("select * from " + records + " where chain_seq >= $1 and chain_seq <= $2 "
                        + "order by chain_seq limit $3")
                .execute(Tuple.of(from, to, limit)).map(AuditStore::toRecords);
    }

    /** The chained record just before {@code seq}, or null. */
    public Uni<AuditRecord> chainedBefore(long seq) {
        return pool.preparedQuery("select * from " + records + " where chain_seq < $1 order by chain_seq desc limit 1")
                .execute(Tuple.of(seq)).map(rows -> rows.size() == 0 ? null : AuditRows.toRecord(rows.iterator().next()));
    }

    /** The highest chain position, or 0 when nothing is chained yet. */
    public Uni<Long> chainHead() {
        return pool.query("select coalesce(max(chain_seq), 0) from " + records).execute()
                .map(rows -> rows.iterator().next().getLong(0));
    }

    /** How many records wait to be chained. */
    public Uni<Long> unchained() {
        return pool.query("select count(*) from " + records + " where chain_seq is null").execute()
                .map(rows -> rows.iterator().next().getLong(0));
    }

    private static List<AuditRecord> toRecords(RowSet<Row> rows) {
        List<AuditRecord> all = new ArrayList<>(rows.size());
        rows.forEach(row -> all.add(AuditRows.toRecord(row)));
        return all;
    }
}

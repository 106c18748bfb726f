package dev.connectplane.audit.repository;

import dev.connectplane.foundation.config.FoundationConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The audit tables, with the reactive PostgreSQL client. Records are appended a consumer poll at
 * a time by one statement whose insert is also the idempotency check
 * ({@code on conflict (event_id) do nothing}); the names they carry and the OCSF form of the new
 * ones for the outbox are written by the same statement, so all of it commits together.
 */
@ApplicationScoped
public class AuditStore {

    public static final String SIEM_CONTENT_TYPE = "application/json; charset=UTF-8";

    private final Pool pool;
    private final String records;
    private final String names;
    private final String outbox;
    private final String chain;
    private final String chainEntries;
    private final String appendStatement;

    public AuditStore(Pool pool, FoundationConfig foundation) {
        this.pool = pool;
        String schema = foundation.dbSchema();
        this.records = schema + ".audit_record";
        this.names = schema + ".audit_name";
        this.outbox = schema + ".outbox_event";
        this.chain = schema + ".audit_chain";
        this.chainEntries = "select r.*, c.seq as chain_seq, c.prev_hash, c.hash from " + chain + " c left join " + records
                + " r on r.id = c.record_id";
        this.appendStatement = appendStatement();
    }

    /**
     * Appends records (one consumer poll) in one statement, so one atomic round trip and one
     * commit. Appends are serialized by a transaction-scoped advisory lock, so record IDs are
     * assigned in commit order and the chainer can follow them with a watermark. The statement
     * writes the inserts, each keyed by event ID ({@code on conflict (event_id) do nothing}, so
     * a redelivered event is skipped), the names they carry, and the OCSF form of each record
     * that was new, queued in the outbox in the same order.
     *
     * @param drafts records in consumption order, with their names not yet looked up
     * @param siem   the OCSF form of a record, made once its names are filled in
     * @return how many were new
     */
    public Uni<Long> appendAll(List<AuditRecord> drafts, String siemTopic, Function<AuditRecord, String> siem) {
        if (drafts.isEmpty()) {
            return Uni.createFrom().item(0L);
        }
        return withKnownNames(drafts).chain(records -> {
            JsonArray rows = new JsonArray();
            Map<String, JsonObject> names = new LinkedHashMap<>();
            Set<String> seen = new HashSet<>();
            for (AuditRecord record : records) {
                if (!seen.add(record.eventId())) {
                    continue;
                }
                rows.add(row(record, rows.size(), siem.apply(record)));
                namesOf(record, names);
            }
            return pool.preparedQuery(appendStatement)
                    .execute(Tuple.of(rows, new JsonArray(List.copyOf(names.values())), siemTopic,
                            SIEM_CONTENT_TYPE))
                    .map(result -> result.iterator().next().getLong(0));
        });
    }

    private static JsonObject row(AuditRecord record, int order, String ocsf) {
        return new JsonObject()
                .put("ord", order).put("event_id", record.eventId()).put("event_type", record.eventType())
                .put("known_type", record.knownType()).put("event_time", record.eventTime().toString())
                .put("ingest_time", record.ingestTime().toString()).put("actor_id", record.actorId())
                .put("actor_type", record.actorType()).put("actor_groups", new JsonArray(record.actorGroups()))
                .put("action", record.action()).put("outcome", record.outcome()).put("server_id", record.serverId())
                .put("server_name", record.serverName()).put("token_id", record.tokenId())
                .put("token_name", record.tokenName()).put("vault_ids", new JsonArray(record.vaultIds()))
                .put("vault_names", new JsonArray(record.vaultNames())).put("group_id", record.groupId())
                .put("group_name", record.groupName()).put("causation_id", record.causationId())
                .put("source_topic", record.sourceTopic()).put("source_partition", record.sourcePartition())
                .put("source_offset", record.sourceOffset()).put("details", record.details()).put("ocsf", ocsf)
                .put("siem_key", record.serverId() != null ? record.serverId() : record.eventId());
    }

    private String appendStatement() {
        String columns = "event_id, event_type, known_type, event_time, ingest_time, actor_id, actor_type, actor_groups, "
                + "action, outcome, server_id, server_name, token_id, token_name, vault_ids, vault_names, group_id, "
                + "group_name, causation_id, source_topic, source_partition, source_offset, details";
        return "with given as (select given.* from (select pg_advisory_xact_lock(hashtext('audit-append:" + records
                + "'))) as serialized, jsonb_to_recordset($1::jsonb) as given(ord int, event_id text, "
                + "event_type text, known_type boolean, event_time timestamptz, ingest_time timestamptz, actor_id text, "
                + "actor_type text, actor_groups text[], action text, outcome text, server_id text, server_name text, "
                + "token_id text, token_name text, vault_ids text[], vault_names text[], group_id text, group_name text, "
                + "causation_id text, source_topic text, source_partition integer, source_offset bigint, details jsonb, "
                + "ocsf text, siem_key text)), "
                + "inserted as (insert into " + records + " (" + columns + ") select " + columns + " from given "
                + "order by ord on conflict (event_id) do nothing returning event_id), "
                + "named as (insert into " + names + " (kind, id, name) select kind, id, name "
                + "from jsonb_to_recordset($2::jsonb) as n(kind text, id text, name text) "
                + "on conflict (kind, id) do update set name = excluded.name), "
                + "queued as (insert into " + outbox + " (event_id, topic, record_key, event_type, payload, content_type) "
                + "select 'ocsf-' || g.event_id, $3, g.siem_key, g.event_type, g.ocsf, $4 from given g "
                + "join inserted i on i.event_id = g.event_id order by g.ord) "
                + "select count(*) from inserted";
    }

    /** The names a record carries, once per target (the last one seen wins). */
    private static void namesOf(AuditRecord record, Map<String, JsonObject> names) {
        addName(names, "server", record.serverId(), record.serverName());
        addName(names, "token", record.tokenId(), record.tokenName());
        addName(names, "group", record.groupId(), record.groupName());
        for (int i = 0; i < record.vaultIds().size(); i++) {
            addName(names, "vault", record.vaultIds().get(i), record.vaultNames().get(i));
        }
    }

    private static void addName(Map<String, JsonObject> names, String kind, String id, String name) {
        if (id != null && name != null) {
            names.put(kind + ":" + id, new JsonObject().put("kind", kind).put("id", id).put("name", name));
        }
    }

    /** Fills in the names of targets the events name only by ID, from names seen before. */
    private Uni<List<AuditRecord>> withKnownNames(List<AuditRecord> records) {
        List<String> ids = new ArrayList<>();
        for (AuditRecord record : records) {
            if (record.serverId() != null && record.serverName() == null) {
                ids.add(record.serverId());
            }
            if (record.tokenId() != null && record.tokenName() == null) {
                ids.add(record.tokenId());
            }
            if (record.groupId() != null && record.groupName() == null) {
                ids.add(record.groupId());
            }
            for (int i = 0; i < record.vaultIds().size(); i++) {
                if (record.vaultNames().get(i) == null) {
                    ids.add(record.vaultIds().get(i));
                }
            }
        }
        if (ids.isEmpty()) {
            return Uni.createFrom().item(records);
        }
        return pool.preparedQuery("select kind, id, name from " + names + " where id = any($1)")
                .execute(Tuple.of(ids.stream().distinct().toArray(String[]::new)))
                .map(rows -> {
                    Map<String, String> known = new HashMap<>();
                    rows.forEach(row -> known.put(row.getString("kind") + ":" + row.getString("id"), row.getString("name")));
                    List<AuditRecord> named = new ArrayList<>(records.size());
                    for (AuditRecord record : records) {
                        List<String> vaultNames = new ArrayList<>();
                        for (int i = 0; i < record.vaultIds().size(); i++) {
                            String name = record.vaultNames().get(i);
                            vaultNames.add(name != null ? name : known.get("vault:" + record.vaultIds().get(i)));
                        }
                        named.add(record.withNames(known.get("server:" + record.serverId()),
                                known.get("token:" + record.tokenId()), vaultNames, known.get("group:" + record.groupId())));
                    }
                    return named;
                });
    }

    /** Chained records matching the filter, after (or before, newest first) a chain position. */
    public Uni<List<AuditRecord>> page(AuditFilter filter, Long after, boolean newestFirst, int limit) {
        AuditFilter.Where where = filter.where(1);
        List<Object> parameters = new ArrayList<>(where.parameters());
        String position = "";
        if (after != null) {
            parameters.add(after);
            position = " and c.seq " + (newestFirst ? "<" : ">") + " $" + parameters.size();
        }
        parameters.add(limit);
        String sql = "select r.*, c.seq as chain_seq, c.prev_hash, c.hash from " + records + " r join " + chain
                + " c on c.record_id = r.id where " + where.sql() + position + " order by c.seq "
                + (newestFirst ? "desc" : "asc") + " limit $" + parameters.size();
        return pool.preparedQuery(sql).execute(Tuple.tuple(parameters)).map(AuditRows::toRecords);
    }

    /** One position of the chain, with its record, or a null record when the record is gone. */
    public record ChainEntry(long seq, String prevHash, String hash, AuditRecord record) {
    }

    /** Chain positions {@code from <= seq <= to}, in order, at most {@code limit}. */
    public Uni<List<ChainEntry>> chainSlice(long from, long to, int limit) {
        return pool.preparedQuery(chainEntries + " where c.seq >= $1 and c.seq <= $2 order by c.seq limit $3")
                .execute(Tuple.of(from, to, limit)).map(AuditStore::toEntries);
    }

    /** The chain position just before {@code seq}, or null. */
    public Uni<ChainEntry> chainedBefore(long seq) {
        return pool.preparedQuery(chainEntries + " where c.seq < $1 order by c.seq desc limit 1")
                .execute(Tuple.of(seq)).map(rows -> rows.size() == 0 ? null : toEntries(rows).get(0));
    }

    /** The highest chain position, or 0 when nothing is chained yet. */
    public Uni<Long> chainHead() {
        return pool.query("select coalesce(max(seq), 0) from " + chain).execute()
                .map(rows -> rows.iterator().next().getLong(0));
    }

    /** The hashes at these chain positions, for those that exist. */
    public Uni<Map<Long, String>> chainHashes(List<Long> positions) {
        return pool.preparedQuery("select seq, hash from " + chain + " where seq = any($1)")
                .execute(Tuple.of(positions.toArray(Long[]::new)))
                .map(rows -> {
                    Map<Long, String> hashes = new HashMap<>();
                    rows.forEach(row -> hashes.put(row.getLong("seq"), row.getString("hash")));
                    return hashes;
                });
    }

    /** Whether a failure is the database refusing the data (SQLSTATE classes 22, data exception, and 23, integrity): permanent. */
    public static boolean refusesData(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof PgException pg && pg.getSqlState() != null
                    && (pg.getSqlState().startsWith("22") || pg.getSqlState().startsWith("23"))) {
                return true;
            }
        }
        return false;
    }

    /** How many records wait to be chained. */
    public Uni<Long> unchained() {
        return pool.query("select count(*) from " + records + " where id > (select coalesce(max(record_id), 0) from "
                        + chain + ")").execute()
                .map(rows -> rows.iterator().next().getLong(0));
    }

    private static List<ChainEntry> toEntries(RowSet<Row> rows) {
        List<ChainEntry> all = new ArrayList<>(rows.size());
        AuditRows.Reader reader = AuditRows.reader(rows.columnsNames());
        rows.forEach(row -> all.add(new ChainEntry(row.getLong("chain_seq"), row.getString("prev_hash"),
                row.getString("hash"), row.getLong("id") == null ? null : reader.read(row))));
        return all;
    }
}

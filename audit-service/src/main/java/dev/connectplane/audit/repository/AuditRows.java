package dev.connectplane.audit.repository;

import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import java.util.Arrays;
import java.util.List;

/**
 * Reads audit records from rows of {@code audit_record}, with their place in the chain when the
 * row also has {@code chain_seq}, {@code prev_hash} and {@code hash} (joined from
 * {@code audit_chain}).
 */
public final class AuditRows {

    private AuditRows() {
    }

    public static AuditRecord toRecord(Row row) {
        Object details = row.getValue("details");
        boolean chained = row.getColumnIndex("chain_seq") >= 0;
        return new AuditRecord(row.getLong("id"), chained ? row.getLong("chain_seq") : null, row.getString("event_id"),
                row.getString("event_type"), row.getBoolean("known_type"), row.getOffsetDateTime("event_time"),
                row.getOffsetDateTime("ingest_time"), row.getString("actor_id"), row.getString("actor_type"),
                list(row.getArrayOfStrings("actor_groups")), row.getString("action"), row.getString("outcome"),
                row.getString("server_id"), row.getString("server_name"), row.getString("token_id"),
                row.getString("token_name"), list(row.getArrayOfStrings("vault_ids")),
                list(row.getArrayOfStrings("vault_names")), row.getString("group_id"), row.getString("group_name"),
                row.getString("causation_id"), row.getString("source_topic"), row.getInteger("source_partition"),
                row.getLong("source_offset"), details instanceof JsonObject json ? json : new JsonObject(String.valueOf(details)),
                chained ? row.getString("prev_hash") : null, chained ? row.getString("hash") : null);
    }

    private static List<String> list(String[] values) {
        return values == null ? List.of() : Arrays.asList(values);
    }
}

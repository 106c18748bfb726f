package dev.connectplane.audit.repository;

import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads audit records from rows of {@code audit_record}, with their place in the chain when the
 * row also has {@code chain_seq}, {@code prev_hash} and {@code hash} (joined from
 * {@code audit_chain}). A {@link Reader} finds each column's position once for all the rows of a
 * result: looking a column up by name scans the names, and reading an export's 28 columns by
 * name that way was 13% of its CPU samples.
 */
public final class AuditRows {

    private AuditRows() {
    }

    /** Every row of the result as a record, in the result's order. */
    public static List<AuditRecord> toRecords(RowSet<Row> rows) {
        List<AuditRecord> records = new ArrayList<>(rows.size());
        Reader reader = reader(rows.columnsNames());
        rows.forEach(row -> records.add(reader.read(row)));
        return records;
    }

    /** A reader for every row of a result with these columns, in this order. */
    public static Reader reader(List<String> columnNames) {
        return new Reader(columnNames);
    }

    /**
     * The columns' positions in one result's rows; {@code chain_seq}, {@code prev_hash} and
     * {@code hash} at -1 where the result has no chain columns.
     */
    public static final class Reader {

        private final int id;
        private final int chainSeq;
        private final int eventId;
        private final int eventType;
        private final int knownType;
        private final int eventTime;
        private final int ingestTime;
        private final int actorId;
        private final int actorType;
        private final int actorGroups;
        private final int action;
        private final int outcome;
        private final int serverId;
        private final int serverName;
        private final int tokenId;
        private final int tokenName;
        private final int vaultIds;
        private final int vaultNames;
        private final int groupId;
        private final int groupName;
        private final int causationId;
        private final int sourceTopic;
        private final int sourcePartition;
        private final int sourceOffset;
        private final int details;
        private final int prevHash;
        private final int hash;

        private Reader(List<String> columns) {
            this.id = columns.indexOf("id");
            this.chainSeq = columns.indexOf("chain_seq");
            this.eventId = columns.indexOf("event_id");
            this.eventType = columns.indexOf("event_type");
            this.knownType = columns.indexOf("known_type");
            this.eventTime = columns.indexOf("event_time");
            this.ingestTime = columns.indexOf("ingest_time");
            this.actorId = columns.indexOf("actor_id");
            this.actorType = columns.indexOf("actor_type");
            this.actorGroups = columns.indexOf("actor_groups");
            this.action = columns.indexOf("action");
            this.outcome = columns.indexOf("outcome");
            this.serverId = columns.indexOf("server_id");
            this.serverName = columns.indexOf("server_name");
            this.tokenId = columns.indexOf("token_id");
            this.tokenName = columns.indexOf("token_name");
            this.vaultIds = columns.indexOf("vault_ids");
            this.vaultNames = columns.indexOf("vault_names");
            this.groupId = columns.indexOf("group_id");
            this.groupName = columns.indexOf("group_name");
            this.causationId = columns.indexOf("causation_id");
            this.sourceTopic = columns.indexOf("source_topic");
            this.sourcePartition = columns.indexOf("source_partition");
            this.sourceOffset = columns.indexOf("source_offset");
            this.details = columns.indexOf("details");
            this.prevHash = columns.indexOf("prev_hash");
            this.hash = columns.indexOf("hash");
        }

        public AuditRecord read(Row row) {
            Object json = row.getValue(details);
            boolean chained = chainSeq >= 0;
            return new AuditRecord(row.getLong(id), chained ? row.getLong(chainSeq) : null, row.getString(eventId),
                    row.getString(eventType), row.getBoolean(knownType), row.getOffsetDateTime(eventTime),
                    row.getOffsetDateTime(ingestTime), row.getString(actorId), row.getString(actorType),
                    list(row.getArrayOfStrings(actorGroups)), row.getString(action), row.getString(outcome),
                    row.getString(serverId), row.getString(serverName), row.getString(tokenId),
                    row.getString(tokenName), list(row.getArrayOfStrings(vaultIds)),
                    list(row.getArrayOfStrings(vaultNames)), row.getString(groupId), row.getString(groupName),
                    row.getString(causationId), row.getString(sourceTopic), row.getInteger(sourcePartition),
                    row.getLong(sourceOffset), json instanceof JsonObject object ? object : new JsonObject(String.valueOf(json)),
                    chained ? row.getString(prevHash) : null, chained ? row.getString(hash) : null);
        }
    }

    private static List<String> list(String[] values) {
        return values == null ? List.of() : Arrays.asList(values);
    }
}

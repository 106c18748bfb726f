package dev.connectplane.audit.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.connectplane.audit.repository.AuditRecord;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** An audit record as the query API shows it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuditRecordView(long seq, String eventId, String eventType, OffsetDateTime eventTime,
                              OffsetDateTime ingestTime, Actor actor, String action, String outcome, Targets targets,
                              String causationId, Source source, Map<String, Object> details, String prevHash,
                              String hash) {

    /** Who did it. */
    public record Actor(String id, String type, List<String> groups) {
    }

    /** What it was done to. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Targets(Target server, Target token, List<Target> vaults, Target group) {
    }

    /** One target. */
    public record Target(String id, String name) {
    }

    /** The message it was projected from. */
    public record Source(String topic, int partition, long offset) {
    }

    public static AuditRecordView of(AuditRecord record) {
        List<Target> vaults = new ArrayList<>();
        for (int i = 0; i < record.vaultIds().size(); i++) {
            vaults.add(new Target(record.vaultIds().get(i), record.vaultNames().get(i)));
        }
        return new AuditRecordView(record.seq(), record.eventId(), record.eventType(), record.eventTime(),
                record.ingestTime(), new Actor(record.actorId(), record.actorType(), record.actorGroups()), record.action(),
                record.outcome(), new Targets(target(record.serverId(), record.serverName()),
                        target(record.tokenId(), record.tokenName()), vaults.isEmpty() ? null : vaults,
                        target(record.groupId(), record.groupName())), record.causationId(),
                new Source(record.sourceTopic(), record.sourcePartition(), record.sourceOffset()),
                record.details().getMap(), record.prevHash(), record.hash());
    }

    private static Target target(String id, String name) {
        return id == null ? null : new Target(id, name);
    }
}

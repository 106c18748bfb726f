package dev.connectplane.audit.repository;

import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * One audit record: who did what to which server, token, vaults and group, when, with what
 * outcome, caused by which command, from which message. {@code seq}, {@code prevHash} and
 * {@code hash} are null until the chainer has placed it in the chain.
 */
public record AuditRecord(Long id, Long seq, String eventId, String eventType, boolean knownType,
                          OffsetDateTime eventTime, OffsetDateTime ingestTime, String actorId, String actorType,
                          List<String> actorGroups, String action, String outcome, String serverId, String serverName,
                          String tokenId, String tokenName, List<String> vaultIds, List<String> vaultNames,
                          String groupId, String groupName, String causationId, String sourceTopic, int sourcePartition,
                          long sourceOffset, JsonObject details, String prevHash, String hash) {

    public static final String SUCCESS = "success";
    public static final String FAILURE = "failure";
    public static final String UNKNOWN = "unknown";

    public AuditRecord {
        actorGroups = actorGroups == null ? List.of() : List.copyOf(actorGroups);
        vaultIds = vaultIds == null ? List.of() : List.copyOf(vaultIds);
        vaultNames = vaultNames == null ? List.of() : List.copyOf(vaultNames);
        details = details == null ? new JsonObject() : details;
    }

    /** The same record with target names filled in where it had none. */
    public AuditRecord withNames(String server, String token, List<String> vaults, String group) {
        return new AuditRecord(id, seq, eventId, eventType, knownType, eventTime, ingestTime, actorId, actorType,
                actorGroups, action, outcome, serverId, serverName != null ? serverName : server, tokenId,
                tokenName != null ? tokenName : token, vaultIds, vaults, groupId, groupName != null ? groupName : group,
                causationId, sourceTopic, sourcePartition, sourceOffset, details, prevHash, hash);
    }
}

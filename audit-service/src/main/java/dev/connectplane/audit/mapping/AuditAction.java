package dev.connectplane.audit.mapping;

import java.util.Map;

/**
 * What each event type means for the audit: its action name and its OCSF class and activity.
 * Unknown types are {@link #UNKNOWN}: recorded raw as API Activity "Other".
 *
 * @param ocsfClass    OCSF class_uid
 * @param ocsfActivity OCSF activity_id within the class
 * @param activityName OCSF activity_name
 * @param ecsType      ECS event.type
 */
public record AuditAction(String name, int ocsfClass, int ocsfActivity, String activityName, String ecsType) {

    /** OCSF API Activity. */
    public static final int API_ACTIVITY = 6003;
    /** OCSF Account Change: the Connect server is the account. */
    public static final int ACCOUNT_CHANGE = 3001;
    /** OCSF Entity Management: tokens. */
    public static final int ENTITY_MANAGEMENT = 3004;
    /** OCSF User Management, as the audit issue names it: group and vault grants. */
    public static final int USER_MANAGEMENT = 3007;

    /** The reply to a command from Kafka that took effect. */
    public static final String COMMAND_ACCEPTED_TYPE = "connect.command.accepted.v1";
    /** The reply to a command from Kafka that was refused: recorded with outcome failure. */
    public static final String COMMAND_REJECTED_TYPE = "connect.command.rejected.v1";

    public static final AuditAction UNKNOWN = new AuditAction("unknown", API_ACTIVITY, 99, "Other", "info");

    private static final Map<String, AuditAction> BY_TYPE = Map.ofEntries(
            Map.entry("connect.server.created.v1", new AuditAction("server.create", ACCOUNT_CHANGE, 1, "Create", "creation")),
            Map.entry("connect.server.renamed.v1", new AuditAction("server.rename", ACCOUNT_CHANGE, 99, "Other", "change")),
            Map.entry("connect.server.deleted.v1", new AuditAction("server.delete", ACCOUNT_CHANGE, 6, "Delete", "deletion")),
            Map.entry("connect.vault.registered.v1", new AuditAction("vault.register", API_ACTIVITY, 1, "Create", "creation")),
            Map.entry("connect.group.registered.v1", new AuditAction("group.register", API_ACTIVITY, 1, "Create", "creation")),
            Map.entry("connect.vault.granted.v1", new AuditAction("vault.grant", USER_MANAGEMENT, 1, "Assign Privileges", "change")),
            Map.entry("connect.vault.revoked.v1", new AuditAction("vault.revoke", USER_MANAGEMENT, 2, "Revoke Privileges", "change")),
            Map.entry("connect.group.granted.v1", new AuditAction("group.grant", USER_MANAGEMENT, 1, "Assign Privileges", "change")),
            Map.entry("connect.group.revoked.v1", new AuditAction("group.revoke", USER_MANAGEMENT, 2, "Revoke Privileges", "change")),
            Map.entry("connect.token.issued.v1", new AuditAction("token.create", ENTITY_MANAGEMENT, 1, "Create", "creation")),
            Map.entry("connect.token.renamed.v1", new AuditAction("token.rename", ENTITY_MANAGEMENT, 3, "Update", "change")),
            Map.entry("connect.token.revoked.v1", new AuditAction("token.revoke", ENTITY_MANAGEMENT, 4, "Delete", "deletion")),
            Map.entry("connect.token.scope-trimmed.v1", new AuditAction("token.trim", ENTITY_MANAGEMENT, 3, "Update", "change")),
            Map.entry("connect.signing-key.rotated.v1", new AuditAction("signing_key.rotate", ENTITY_MANAGEMENT, 1, "Create", "creation")),
            Map.entry("connect.signing-key.retired.v1", new AuditAction("signing_key.retire", ENTITY_MANAGEMENT, 4, "Delete", "deletion")),
            Map.entry(COMMAND_ACCEPTED_TYPE, new AuditAction("command.accept", API_ACTIVITY, 99, "Other", "info")),
            Map.entry(COMMAND_REJECTED_TYPE, new AuditAction("command.reject", API_ACTIVITY, 99, "Other", "denied")),
            Map.entry("connect.outbox.row-parked.v1", new AuditAction("outbox.park", API_ACTIVITY, 99, "Other", "error")));

    /** The action of an event type, or {@link #UNKNOWN}. */
    public static AuditAction of(String eventType) {
        return eventType == null ? UNKNOWN : BY_TYPE.getOrDefault(eventType, UNKNOWN);
    }

    public static AuditAction named(String action) {
        return BY_TYPE.values().stream().filter(a -> a.name.equals(action)).findFirst().orElse(UNKNOWN);
    }

    public boolean isKnown() {
        return this != UNKNOWN;
    }

    /** Whether the record reports something that did not happen: a rejected command, a parked outbox row. */
    public boolean isFailure() {
        return name.equals("command.reject") || name.equals("outbox.park");
    }

    /** Whether the action takes something away (a deletion or a revocation): the higher SIEM severity. */
    public boolean removes() {
        return name.endsWith(".delete") || name.endsWith(".revoke");
    }

    /** OCSF type_uid. */
    public int typeUid() {
        return ocsfClass * 100 + ocsfActivity;
    }
}

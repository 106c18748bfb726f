package dev.connectplane.audit.mapping;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What each event type means for the audit: its action name, its OCSF class and activity, and
 * its ECS categorization. Unknown types are {@link #UNKNOWN}: recorded raw as an OCSF Base Event.
 * The table is in the README ("Export formats").
 *
 * @param ocsf how OCSF classifies it
 * @param ecs  how ECS categorizes it
 */
public record AuditAction(String name, Ocsf ocsf, Ecs ecs) {

    /** The OCSF classes records map to, with the category each belongs to (the same in 1.1.0 and 1.8.0). */
    public enum OcsfClass {
        BASE_EVENT(0, "Base Event", 0, "Uncategorized"),
        ENTITY_MANAGEMENT(3004, "Entity Management", 3, "Identity & Access Management"),
        USER_ACCESS_MANAGEMENT(3005, "User Access Management", 3, "Identity & Access Management"),
        GROUP_MANAGEMENT(3006, "Group Management", 3, "Identity & Access Management"),
        API_ACTIVITY(6003, "API Activity", 6, "Application Activity");

        private final int uid;
        private final String caption;
        private final int categoryUid;
        private final String categoryName;

        OcsfClass(int uid, String caption, int categoryUid, String categoryName) {
            this.uid = uid;
            this.caption = caption;
            this.categoryUid = categoryUid;
            this.categoryName = categoryName;
        }

        public int uid() {
            return uid;
        }

        public String caption() {
            return caption;
        }

        public int categoryUid() {
            return categoryUid;
        }

        public String categoryName() {
            return categoryName;
        }
    }

    /**
     * An OCSF classification: the class and one of its activities (ID and caption; for 99, Other,
     * our own caption).
     */
    public record Ocsf(OcsfClass eventClass, int activityId, String activityName) {

        /** {@code type_uid} = {@code class_uid} × 100 + {@code activity_id}. */
        public long typeUid() {
            return eventClass.uid() * 100L + activityId;
        }

        /** {@code type_name}: the class caption and the activity's ("Other" for 99, whose own caption is in activity_name). */
        public String typeName() {
            return eventClass.caption() + ": " + (activityId == 99 ? "Other" : activityName);
        }
    }

    /** An ECS categorization: {@code event.category} (none for unknown events) and {@code event.type}. */
    public record Ecs(List<String> categories, List<String> types) {

        static Ecs of(String category, String... types) {
            return new Ecs(category == null ? List.of() : List.of(category), List.of(types));
        }
    }

    /** The reply to a command from Kafka that took effect. */
    public static final String COMMAND_ACCEPTED_TYPE = "connect.command.accepted.v1";
    /** The reply to a command from Kafka that was refused: recorded with outcome failure. */
    public static final String COMMAND_REJECTED_TYPE = "connect.command.rejected.v1";

    public static final AuditAction UNKNOWN = new AuditAction("unknown",
            new Ocsf(OcsfClass.BASE_EVENT, 0, "Unknown"), Ecs.of(null, "info"));

    private static final Map<String, AuditAction> BY_TYPE = Map.ofEntries(
            entry("connect.server.created.v1", "server.create", entity(1, "Create"), Ecs.of("configuration", "creation")),
            entry("connect.server.renamed.v1", "server.rename", entity(3, "Update"), Ecs.of("configuration", "change")),
            entry("connect.server.deleted.v1", "server.delete", entity(4, "Delete"), Ecs.of("configuration", "deletion")),
            entry("connect.vault.registered.v1", "vault.register", entity(1, "Create"), Ecs.of("configuration", "creation")),
            entry("connect.group.registered.v1", "group.register", entity(1, "Create"), Ecs.of("iam", "group", "creation")),
            entry("connect.vault.granted.v1", "vault.grant", userAccess(1, "Assign Privileges"), Ecs.of("iam", "change")),
            entry("connect.vault.revoked.v1", "vault.revoke", userAccess(2, "Revoke Privileges"), Ecs.of("iam", "change")),
            entry("connect.group.granted.v1", "group.grant", group(1, "Assign Privileges"), Ecs.of("iam", "group", "change")),
            entry("connect.group.revoked.v1", "group.revoke", group(2, "Revoke Privileges"), Ecs.of("iam", "group", "change")),
            entry("connect.token.issued.v1", "token.create", entity(1, "Create"), Ecs.of("iam", "creation")),
            entry("connect.token.renamed.v1", "token.rename", entity(3, "Update"), Ecs.of("iam", "change")),
            entry("connect.token.revoked.v1", "token.revoke", entity(4, "Delete"), Ecs.of("iam", "deletion")),
            entry("connect.token.scope-trimmed.v1", "token.trim", entity(3, "Update"), Ecs.of("iam", "change")),
            entry("connect.signing-key.rotated.v1", "signing_key.rotate", entity(1, "Create"), Ecs.of("configuration", "creation")),
            entry("connect.signing-key.retired.v1", "signing_key.retire", entity(4, "Delete"), Ecs.of("configuration", "deletion")),
            entry(COMMAND_ACCEPTED_TYPE, "command.accept", new Ocsf(OcsfClass.API_ACTIVITY, 99, "Command"),
                    Ecs.of("api", "allowed")),
            entry(COMMAND_REJECTED_TYPE, "command.reject", new Ocsf(OcsfClass.API_ACTIVITY, 99, "Command"),
                    Ecs.of("api", "denied")),
            entry("connect.outbox.row-parked.v1", "outbox.park", new Ocsf(OcsfClass.BASE_EVENT, 99, "Park"),
                    Ecs.of("database", "error")));

    private static final Map<String, AuditAction> BY_NAME = BY_TYPE.values().stream()
            .collect(Collectors.toUnmodifiableMap(AuditAction::name, a -> a));

    /** The action of an event type, or {@link #UNKNOWN}. */
    public static AuditAction of(String eventType) {
        return eventType == null ? UNKNOWN : BY_TYPE.getOrDefault(eventType, UNKNOWN);
    }

    public static AuditAction named(String action) {
        return BY_NAME.getOrDefault(action, UNKNOWN);
    }

    /** Every known action. */
    public static List<AuditAction> known() {
        return BY_TYPE.values().stream().sorted(Comparator.comparing(AuditAction::name)).toList();
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
        return name.endsWith(".delete") || name.endsWith(".revoke") || name.endsWith(".retire");
    }

    private static Map.Entry<String, AuditAction> entry(String type, String name, Ocsf ocsf, Ecs ecs) {
        return Map.entry(type, new AuditAction(name, ocsf, ecs));
    }

    private static Ocsf entity(int activity, String caption) {
        return new Ocsf(OcsfClass.ENTITY_MANAGEMENT, activity, caption);
    }

    private static Ocsf userAccess(int activity, String caption) {
        return new Ocsf(OcsfClass.USER_ACCESS_MANAGEMENT, activity, caption);
    }

    private static Ocsf group(int activity, String caption) {
        return new Ocsf(OcsfClass.GROUP_MANAGEMENT, activity, caption);
    }
}

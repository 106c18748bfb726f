package dev.connectplane.audit.siem;

import dev.connectplane.audit.mapping.AuditAction;
import dev.connectplane.audit.mapping.AuditAction.Ocsf;
import dev.connectplane.audit.mapping.AuditAction.OcsfClass;
import dev.connectplane.audit.repository.AuditRecord;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Locale;

/**
 * An audit record as an OCSF event of schema 1.1.0 or 1.8.0 (the classes and objects used are
 * the same in both; see the README's mapping table): servers, tokens, vaults, groups and signing keys
 * as Entity Management (3004, the target in {@code entity}), vault grants as User Access
 * Management (3005, the server in {@code user}, the vault in {@code resource}), group grants
 * as Group Management (3006), command replies as API Activity (6003),
 * parked outbox rows and unknown events as Base Event (0). Every event carries the required
 * attributes of its class; IAM classes declare the {@code host} profile, which is what admits
 * {@code actor} there in 1.1.0. What OCSF has no attribute for (the server of a token, the
 * event's details, our own action name) is under {@code unmapped.connect}, the same in every
 * class, so that one query finds a server's records whatever their class.
 */
public final class OcsfMapper {

    private static final String PRODUCT = "Connect Control Plane";
    private static final int OTHER = 99;

    private final String productVersion;
    private final String version;

    /** @param version 1.1.0 or 1.8.0 */
    public OcsfMapper(String productVersion, String version) {
        this.productVersion = productVersion;
        this.version = SchemaReleases.require("OCSF", SchemaReleases.OCSF, version);
    }

    public String version() {
        return version;
    }

    public JsonObject toOcsf(AuditRecord record) {
        AuditAction action = AuditAction.named(record.action());
        Ocsf ocsf = refine(action.ocsf(), record);
        OcsfClass eventClass = ocsf.eventClass();
        int severity = severity(action, record);
        JsonObject event = new JsonObject()
                .put("class_uid", eventClass.uid())
                .put("class_name", eventClass.caption())
                .put("category_uid", eventClass.categoryUid())
                .put("category_name", eventClass.categoryName())
                .put("activity_id", ocsf.activityId())
                .put("activity_name", ocsf.activityName())
                .put("type_uid", ocsf.typeUid())
                .put("type_name", ocsf.typeName())
                .put("severity_id", severity)
                .put("severity", severityCaption(severity))
                .put("time", record.eventTime().toInstant().toEpochMilli())
                .put("status_id", statusId(record.outcome()))
                .put("status", status(record.outcome()))
                .put("message", record.action() + " " + describeTargets(record))
                .put("metadata", metadata(record, eventClass));
        putIfPresent(event, "status_detail", statusDetail(record));
        switch (eventClass) {
            case ENTITY_MANAGEMENT -> event.put("entity", entity(record));
            case USER_ACCESS_MANAGEMENT -> event.put("user", serverAsUser(record))
                    .put("privileges", new JsonArray().add("vault access"))
                    .put("resource", named(record.vaultIds().isEmpty() ? null : record.vaultIds().get(0),
                            record.vaultNames().isEmpty() ? null : record.vaultNames().get(0), "Vault"));
            case GROUP_MANAGEMENT -> groupManagement(event, record);
            case API_ACTIVITY -> event.put("api", new JsonObject()
                            .put("operation", commandType(record))
                            .put("service", new JsonObject().put("name", "connect-control-plane")))
                    .put("src_endpoint", new JsonObject().put("svc_name", "kafka").put("name", record.sourceTopic()));
            case BASE_EVENT -> {
            }
        }
        if (eventClass != OcsfClass.BASE_EVENT) {
            putIfPresent(event, "actor", actor(record, eventClass == OcsfClass.API_ACTIVITY));
        }
        event.put("unmapped", new JsonObject().put("connect", SiemFields.connect(record)));
        return event;
    }

    private JsonObject metadata(AuditRecord record, OcsfClass eventClass) {
        JsonObject metadata = new JsonObject()
                .put("version", version)
                .put("uid", record.eventId())
                .put("logged_time", record.ingestTime().toInstant().toEpochMilli())
                .put("event_code", record.eventType())
                .put("log_name", "connect.audit")
                .put("product", new JsonObject()
                        .put("name", PRODUCT)
                        .put("vendor_name", PRODUCT)
                        .put("version", productVersion));
        if (eventClass.categoryUid() == 3) {
            metadata.put("profiles", new JsonArray().add("host"));
        }
        putIfPresent(metadata, "correlation_uid", record.causationId());
        if (record.seq() != null) {
            metadata.put("sequence", record.seq());
        }
        return metadata;
    }

    /** A command reply's activity follows the command: create, delete, or an update of something. */
    private static Ocsf refine(Ocsf ocsf, AuditRecord record) {
        if (ocsf.eventClass() != OcsfClass.API_ACTIVITY) {
            return ocsf;
        }
        String command = commandType(record);
        if (command.endsWith(".create")) {
            return new Ocsf(OcsfClass.API_ACTIVITY, 1, "Create");
        }
        if (command.endsWith(".delete") || command.endsWith(".revoke")) {
            return new Ocsf(OcsfClass.API_ACTIVITY, 4, "Delete");
        }
        if (command.endsWith(".edit") || command.endsWith(".grant")) {
            return new Ocsf(OcsfClass.API_ACTIVITY, 3, "Update");
        }
        return ocsf;
    }

    private static String commandType(AuditRecord record) {
        String type = record.details().getValue("command_type") instanceof String text ? text : null;
        return type == null || type.isBlank() ? "unknown" : type;
    }

    private static JsonObject entity(AuditRecord record) {
        String action = record.action();
        if (action.startsWith("token.")) {
            return named(record.tokenId(), record.tokenName(), "Connect token");
        }
        if (action.startsWith("vault.")) {
            return named(record.vaultIds().isEmpty() ? null : record.vaultIds().get(0),
                    record.vaultNames().isEmpty() ? null : record.vaultNames().get(0), "Vault");
        }
        if (action.startsWith("group.")) {
            return named(record.groupId(), record.groupName(), "Group");
        }
        if (action.startsWith("signing_key.")) {
            Object keyId = record.details().getValue("key_id");
            return named(keyId instanceof String text ? text : null, null, "Token signing key");
        }
        return named(record.serverId(), record.serverName(), "Connect server");
    }

    /**
     * A {@code managed_entity} or {@code resource_details}: its type, and its ID and name where
     * known; one of the two is required, so a target known by neither is named after its type.
     */
    private static JsonObject named(String uid, String name, String type) {
        JsonObject object = new JsonObject().put("type", type);
        putIfPresent(object, "uid", uid);
        putIfPresent(object, "name", name);
        if (uid == null && name == null) {
            object.put("name", "unnamed " + type.toLowerCase(Locale.ROOT));
        }
        return object;
    }

    private static void groupManagement(JsonObject event, AuditRecord record) {
        JsonObject group = new JsonObject();
        putIfPresent(group, "uid", record.groupId());
        putIfPresent(group, "name", record.groupName());
        if (group.isEmpty()) {
            group.put("name", "unnamed group");
        }
        event.put("group", group);
        Object scope = record.details().getValue("scope");
        event.put("privileges", new JsonArray().add(privilege(scope instanceof String text ? text : "unknown")));
        if (record.serverId() != null) {
            event.put("resource", named(record.serverId(), record.serverName(), "Connect server"));
        }
    }

    private static String privilege(String scope) {
        return switch (scope) {
            case "server" -> "manage server";
            case "all_servers" -> "manage all servers";
            case "managers" -> "Secrets Automation manager";
            default -> scope;
        };
    }

    private static JsonObject serverAsUser(AuditRecord record) {
        JsonObject user = new JsonObject().put("type_id", OTHER).put("type", "Connect server");
        putIfPresent(user, "uid", record.serverId());
        putIfPresent(user, "name", record.serverName());
        if (record.serverId() == null && record.serverName() == null) {
            user.put("name", "unnamed server");
        }
        return user;
    }

    /** The actor, or, for a call without one (an unauthenticated command), none unless {@code required}. */
    private static JsonObject actor(AuditRecord record, boolean required) {
        if (record.actorId() == null && !required) {
            return null;
        }
        JsonObject user = new JsonObject();
        if (record.actorId() == null) {
            user.put("name", "anonymous").put("type_id", 0).put("type", "Unknown");
        } else {
            user.put("uid", record.actorId()).put("name", record.actorId());
            actorType(user, record.actorType());
        }
        if (!record.actorGroups().isEmpty()) {
            JsonArray groups = new JsonArray();
            record.actorGroups().forEach(group -> groups.add(new JsonObject().put("name", group)));
            user.put("groups", groups);
        }
        return new JsonObject().put("user", user);
    }

    private static void actorType(JsonObject user, String actorType) {
        String type = actorType == null ? "" : actorType.toLowerCase(Locale.ROOT);
        switch (type) {
            case "user" -> user.put("type_id", 1).put("type", "User");
            case "system" -> user.put("type_id", 3).put("type", "System");
            case "" -> user.put("type_id", 0).put("type", "Unknown");
            default -> user.put("type_id", OTHER).put("type", actorType);
        }
    }

    private static String statusDetail(AuditRecord record) {
        if (record.details().getValue("problem") instanceof JsonObject problem) {
            Object detail = problem.getValue("detail");
            Object title = problem.getValue("title");
            return detail instanceof String text ? text : title instanceof String text ? text : null;
        }
        return record.details().getValue("reason") instanceof String reason ? reason : null;
    }

    private static int severity(AuditAction action, AuditRecord record) {
        if (action.removes()) {
            return 3;
        }
        return AuditRecord.FAILURE.equals(record.outcome()) ? 2 : 1;
    }

    private static String severityCaption(int severity) {
        return switch (severity) {
            case 3 -> "Medium";
            case 2 -> "Low";
            default -> "Informational";
        };
    }

    static String describeTargets(AuditRecord record) {
        StringBuilder text = new StringBuilder();
        append(text, "server", record.serverId(), record.serverName());
        append(text, "token", record.tokenId(), record.tokenName());
        append(text, "group", record.groupId(), record.groupName());
        for (int i = 0; i < record.vaultIds().size(); i++) {
            append(text, "vault", record.vaultIds().get(i), record.vaultNames().get(i));
        }
        return text.toString().strip();
    }

    private static void append(StringBuilder text, String kind, String id, String name) {
        if (id != null) {
            text.append(' ').append(kind).append(' ').append(name != null ? name + " (" + id + ")" : id);
        }
    }

    static int statusId(String outcome) {
        return switch (outcome) {
            case AuditRecord.SUCCESS -> 1;
            case AuditRecord.FAILURE -> 2;
            default -> 0;
        };
    }

    static String status(String outcome) {
        return switch (outcome) {
            case AuditRecord.SUCCESS -> "Success";
            case AuditRecord.FAILURE -> "Failure";
            default -> "Unknown";
        };
    }

    private static void putIfPresent(JsonObject object, String key, Object value) {
        if (value != null) {
            object.put(key, value);
        }
    }
}

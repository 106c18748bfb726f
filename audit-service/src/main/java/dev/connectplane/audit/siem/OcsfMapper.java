package dev.connectplane.audit.siem;

import dev.connectplane.audit.mapping.AuditAction;
import dev.connectplane.audit.repository.AuditRecord;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * An audit record in OCSF (schema 1.1): servers as Account Change (3001, the server is the
 * account in {@code user}), tokens as Entity Management (3004, the token in {@code entity}),
 * group and vault grants as User Management (3007, the server or group in {@code user}, the
 * vault in {@code resources}), everything else, unknown types included, as API Activity (6003,
 * with {@code api} and {@code src_endpoint}). Every event has class_uid, category_uid,
 * activity_id, type_uid = class_uid × 100 + activity_id, severity_id, time, status, actor and
 * metadata (product, version, uid).
 */
public final class OcsfMapper {

    public static final String SCHEMA_VERSION = "1.1.0";

    private final String productVersion;

    public OcsfMapper(String productVersion) {
        this.productVersion = productVersion;
    }

    public JsonObject toOcsf(AuditRecord record) {
        AuditAction action = AuditAction.named(record.action());
        int classUid = action.ocsfClass();
        int severity = action.removes() ? 3 : 1;
        JsonObject event = new JsonObject()
                .put("class_uid", classUid)
                .put("class_name", className(classUid))
                .put("category_uid", classUid / 1000)
                .put("category_name", classUid / 1000 == 3 ? "Identity & Access Management" : "Application Activity")
                .put("activity_id", action.ocsfActivity())
                .put("activity_name", action.activityName())
                .put("type_uid", action.typeUid())
                .put("type_name", className(classUid) + ": " + action.activityName())
                .put("severity_id", severity)
                .put("severity", severity == 3 ? "Medium" : "Informational")
                .put("time", record.eventTime().toInstant().toEpochMilli())
                .put("status_id", statusId(record.outcome()))
                .put("status", status(record.outcome()))
                .put("message", record.action() + " " + describeTargets(record))
                .put("actor", actor(record))
                .put("metadata", new JsonObject()
                        .put("version", SCHEMA_VERSION)
                        .put("uid", record.eventId())
                        .put("logged_time", record.ingestTime().toInstant().toEpochMilli())
                        .put("correlation_uid", record.causationId())
                        .put("event_code", record.eventType())
                        .put("product", new JsonObject().put("name", "Connect Control Plane")
                                .put("vendor_name", "Connect Control Plane").put("version", productVersion)));
        switch (classUid) {
            case AuditAction.ACCOUNT_CHANGE -> event.put("user", serverAsUser(record));
            case AuditAction.ENTITY_MANAGEMENT -> event.put("entity", new JsonObject().put("uid", record.tokenId())
                    .put("name", record.tokenName()).put("type", "Connect token"))
                    .put("resources", resources(record));
            case AuditAction.USER_MANAGEMENT -> {
                event.put("user", record.groupId() != null
                        ? new JsonObject().put("uid", record.groupId()).put("name", record.groupName()).put("type", "Group")
                        : serverAsUser(record));
                if (record.groupId() != null) {
                    event.put("group", new JsonObject().put("uid", record.groupId()).put("name", record.groupName()));
                }
                event.put("resources", resources(record));
            }
            default -> event.put("api", new JsonObject().put("operation", record.action())
                            .put("service", new JsonObject().put("name", record.sourceTopic())))
                    .put("src_endpoint", new JsonObject().put("svc_name", record.sourceTopic()));
        }
        event.put("unmapped", new JsonObject().put("details", record.details()));
        return event;
    }

    private static JsonObject actor(AuditRecord record) {
        JsonObject user = new JsonObject().put("uid", record.actorId()).put("name", record.actorId())
                .put("type", record.actorType());
        JsonArray groups = new JsonArray();
        record.actorGroups().forEach(group -> groups.add(new JsonObject().put("name", group)));
        user.put("groups", groups);
        return new JsonObject().put("user", user);
    }

    private static JsonObject serverAsUser(AuditRecord record) {
        return new JsonObject().put("uid", record.serverId()).put("name", record.serverName()).put("type", "Connect server")
                .put("type_id", 99);
    }

    private static JsonArray resources(AuditRecord record) {
        JsonArray resources = new JsonArray();
        if (record.serverId() != null) {
            resources.add(new JsonObject().put("uid", record.serverId()).put("name", record.serverName())
                    .put("type", "Connect server"));
        }
        for (int i = 0; i < record.vaultIds().size(); i++) {
            resources.add(new JsonObject().put("uid", record.vaultIds().get(i)).put("name", record.vaultNames().get(i))
                    .put("type", "Vault"));
        }
        return resources;
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

    static String className(int classUid) {
        return switch (classUid) {
            case AuditAction.ACCOUNT_CHANGE -> "Account Change";
            case AuditAction.ENTITY_MANAGEMENT -> "Entity Management";
            case AuditAction.USER_MANAGEMENT -> "User Management";
            default -> "API Activity";
        };
    }
}

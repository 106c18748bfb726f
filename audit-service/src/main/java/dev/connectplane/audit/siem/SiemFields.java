package dev.connectplane.audit.siem;

import dev.connectplane.audit.repository.AuditRecord;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Our own fields, which neither OCSF nor ECS has a place for, in one shape for both: OCSF
 * carries them as {@code unmapped.connect}, ECS as the custom namespace {@code connect}. Absent
 * values are left out, never written as null.
 */
final class SiemFields {

    private SiemFields() {
    }

    static JsonObject connect(AuditRecord record) {
        JsonObject connect = new JsonObject()
                .put("action", record.action())
                .put("outcome", record.outcome())
                .put("event_type", record.eventType());
        put(connect, "actor_type", record.actorType());
        put(connect, "causation_id", record.causationId());
        if (record.seq() != null) {
            connect.put("seq", record.seq());
        }
        put(connect, "server", target(record.serverId(), record.serverName()));
        put(connect, "token", target(record.tokenId(), record.tokenName()));
        put(connect, "group", target(record.groupId(), record.groupName()));
        if (!record.vaultIds().isEmpty()) {
            JsonArray vaults = new JsonArray();
            for (int i = 0; i < record.vaultIds().size(); i++) {
                vaults.add(target(record.vaultIds().get(i), record.vaultNames().get(i)));
            }
            connect.put("vaults", vaults);
        }
        connect.put("source", new JsonObject()
                .put("topic", record.sourceTopic())
                .put("partition", record.sourcePartition())
                .put("offset", record.sourceOffset()));
        connect.put("details", record.details());
        return connect;
    }

    private static JsonObject target(String id, String name) {
        if (id == null && name == null) {
            return null;
        }
        JsonObject target = new JsonObject();
        put(target, "id", id);
        put(target, "name", name);
        return target;
    }

    private static void put(JsonObject object, String key, Object value) {
        if (value != null) {
            object.put(key, value);
        }
    }
}

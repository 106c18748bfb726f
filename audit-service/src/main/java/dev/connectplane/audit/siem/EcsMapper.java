package dev.connectplane.audit.siem;

import dev.connectplane.audit.mapping.AuditAction;
import dev.connectplane.audit.repository.AuditRecord;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * An audit record in the Elastic Common Schema: {@code @timestamp}, {@code event.*} (kind,
 * category, type, action, outcome, id, created, dataset, provider), {@code user.*} (the actor:
 * id, name, group names in {@code user.group.name}), {@code related.user} (the actor), and the
 * targets under {@code connect.*}, with every ID also in {@code related.id}.
 */
public final class EcsMapper {

    private EcsMapper() {
    }

    public static JsonObject toEcs(AuditRecord record) {
        AuditAction action = AuditAction.named(record.action());
        JsonObject event = new JsonObject()
                .put("kind", "event")
                .put("category", new JsonArray().add(action.ocsfClass() / 1000 == 3 ? "iam" : "configuration"))
                .put("type", new JsonArray().add(action.ecsType()))
                .put("action", record.action())
                .put("outcome", record.outcome())
                .put("id", record.eventId())
                .put("created", record.ingestTime().toInstant().toString())
                .put("dataset", "connect.audit")
                .put("provider", record.sourceTopic())
                .put("code", record.eventType());
        JsonObject user = new JsonObject().put("id", record.actorId()).put("name", record.actorId());
        if (!record.actorGroups().isEmpty()) {
            user.put("group", new JsonObject().put("name", new JsonArray(record.actorGroups())));
        }
        Set<String> ids = new LinkedHashSet<>();
        JsonObject connect = new JsonObject().put("actor_type", record.actorType()).put("causation_id", record.causationId());
        target(connect, ids, "server", record.serverId(), record.serverName());
        target(connect, ids, "token", record.tokenId(), record.tokenName());
        target(connect, ids, "group", record.groupId(), record.groupName());
        if (!record.vaultIds().isEmpty()) {
            JsonArray vaults = new JsonArray();
            for (int i = 0; i < record.vaultIds().size(); i++) {
                vaults.add(new JsonObject().put("id", record.vaultIds().get(i)).put("name", record.vaultNames().get(i)));
                ids.add(record.vaultIds().get(i));
            }
            connect.put("vaults", vaults);
        }
        JsonObject related = new JsonObject().put("id", new JsonArray(ids.stream().toList()));
        if (record.actorId() != null) {
            related.put("user", new JsonArray().add(record.actorId()));
        }
        return new JsonObject()
                .put("@timestamp", record.eventTime().toInstant().toString())
                .put("event", event)
                .put("user", user)
                .put("related", related)
                .put("connect", connect)
                .put("labels", new JsonObject().put("source_topic", record.sourceTopic())
                        .put("source_partition", record.sourcePartition()).put("source_offset", record.sourceOffset()));
    }

    private static void target(JsonObject connect, Set<String> ids, String kind, String id, String name) {
        if (id != null) {
            connect.put(kind, new JsonObject().put("id", id).put("name", name));
            ids.add(id);
        }
    }
}

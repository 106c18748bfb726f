package dev.connectplane.audit.siem;

import dev.connectplane.audit.mapping.AuditAction;
import dev.connectplane.audit.repository.AuditRecord;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * An audit record as an Elastic Common Schema document (ECS 8.17.0 or 9.4.0: the fields used
 * are the same in both): {@code @timestamp}, {@code ecs.version}, {@code event.*} (kind,
 * category and type as the README's table gives them, action, outcome, id, code, created,
 * sequence, dataset, provider, severity, reason), {@code user.*} (the actor: id, name, the
 * group names in {@code user.group.name}), {@code group.*} (the group of a group grant),
 * {@code related.user}, {@code message}, {@code labels} (the source message's topic, partition
 * and offset, as strings: ECS labels are keywords), and our own fields in the custom namespace
 * {@code connect.*}.
 */
public final class EcsMapper {

    private final String version;

    /** @param version 8.17.0 or 9.4.0 */
    public EcsMapper(String version) {
        this.version = SchemaReleases.require("ECS", SchemaReleases.ECS, version);
    }

    public String version() {
        return version;
    }

    public JsonObject toEcs(AuditRecord record) {
        AuditAction action = AuditAction.named(record.action());
        JsonObject event = new JsonObject()
                .put("kind", "event")
                .put("type", new JsonArray(action.ecs().types()))
                .put("action", record.action())
                .put("outcome", record.outcome())
                .put("id", record.eventId())
                .put("code", record.eventType())
                .put("created", record.ingestTime().toInstant().toString())
                .put("dataset", "connect.audit")
                .put("provider", record.sourceTopic())
                .put("severity", action.removes() ? 3 : AuditRecord.FAILURE.equals(record.outcome()) ? 2 : 1);
        if (!action.ecs().categories().isEmpty()) {
            event.put("category", new JsonArray(action.ecs().categories()));
        }
        if (record.seq() != null) {
            event.put("sequence", record.seq());
        }
        JsonObject document = new JsonObject()
                .put("@timestamp", record.eventTime().toInstant().toString())
                .put("ecs", new JsonObject().put("version", version))
                .put("message", record.action() + " " + OcsfMapper.describeTargets(record))
                .put("event", event);
        if (record.actorId() != null) {
            JsonObject user = new JsonObject().put("id", record.actorId()).put("name", record.actorId());
            if (!record.actorGroups().isEmpty()) {
                user.put("group", new JsonObject().put("name", new JsonArray(record.actorGroups())));
            }
            document.put("user", user)
                    .put("related", new JsonObject().put("user", new JsonArray().add(record.actorId())));
        }
        if (record.groupId() != null || record.groupName() != null) {
            JsonObject group = new JsonObject();
            if (record.groupId() != null) {
                group.put("id", record.groupId());
            }
            if (record.groupName() != null) {
                group.put("name", record.groupName());
            }
            document.put("group", group);
        }
        return document
                .put("labels", new JsonObject()
                        .put("source_topic", record.sourceTopic())
                        .put("source_partition", Integer.toString(record.sourcePartition()))
                        .put("source_offset", Long.toString(record.sourceOffset())))
                .put("connect", SiemFields.connect(record));
    }
}

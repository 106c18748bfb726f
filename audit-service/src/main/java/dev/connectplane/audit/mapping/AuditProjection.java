package dev.connectplane.audit.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import dev.connectplane.audit.repository.AuditRecord;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns one consumed message into one audit record. Every contract event names its targets in
 * the same snake_case fields ({@code server_id}, {@code vault_id}/{@code vault_name},
 * {@code vaults[]}, {@code group_id}/{@code group_name}, {@code token_id}), so the targets are
 * read from the event's data generically; the action comes from {@link AuditAction}. The
 * details are the event's data without secrets. A message of an unknown type (or no type) is
 * recorded too: action {@code unknown}, outcome {@code unknown}, and the whole message,
 * redacted, under {@code details.raw}. A message without an event ID gets
 * {@code <topic>-<partition>-<offset>}, so a redelivery is still recognized.
 */
public final class AuditProjection {

    private AuditProjection() {
    }

    /** The source of a message. */
    public record Source(String topic, int partition, long offset) {
    }

    public static AuditRecord project(JsonNode message, Source source, OffsetDateTime ingestTime) {
        String type = text(message, "type");
        AuditAction action = AuditAction.of(type);
        JsonNode data = message.path("data");
        String eventId = text(message, "id");
        if (eventId == null || eventId.isBlank()) {
            eventId = source.topic() + "-" + source.partition() + "-" + source.offset();
        }
        OffsetDateTime eventTime = time(text(message, "time"), ingestTime);
        if (!action.isKnown() || !data.isObject()) {
            JsonObject details = new JsonObject().put("raw", new JsonObject(Redaction.redact(message).toString()));
            return new AuditRecord(null, null, eventId, type == null ? "unknown" : type, false, eventTime, ingestTime,
                    text(message, "actorid"), text(message, "actortype"), groups(text(message, "actorgroups")),
                    AuditAction.UNKNOWN.name(), AuditRecord.UNKNOWN, text(data, "server_id"), null, text(data, "token_id"),
                    null, List.of(), List.of(), text(data, "group_id"), null, text(message, "causationid"),
                    source.topic(), source.partition(), source.offset(), details, null, null);
        }
        List<String> vaultIds = new ArrayList<>();
        List<String> vaultNames = new ArrayList<>();
        collectVaults(data, vaultIds, vaultNames);
        return new AuditRecord(null, null, eventId, type, true, eventTime, ingestTime, text(message, "actorid"),
                text(message, "actortype"), groups(text(message, "actorgroups")), action.name(),
                action.isFailure() ? AuditRecord.FAILURE : AuditRecord.SUCCESS,
                text(data, "server_id"), serverName(type, data), text(data, "token_id"), tokenName(type, data), vaultIds,
                vaultNames, text(data, "group_id"), groupName(type, data), text(message, "causationid"), source.topic(),
                source.partition(), source.offset(), new JsonObject(Redaction.redact(data).toString()), null, null);
    }

    private static void collectVaults(JsonNode data, List<String> ids, List<String> names) {
        if (data.hasNonNull("vault_id")) {
            ids.add(data.get("vault_id").asText());
            names.add(textOr(data, "vault_name", data.has("server_id") ? null : text(data, "name")));
        }
        for (String field : List.of("vaults", "requested_vaults")) {
            for (JsonNode vault : data.path(field)) {
                String id = text(vault, "vault_id");
                if (id != null && !ids.contains(id)) {
                    ids.add(id);
                    names.add(text(vault, "vault_name"));
                }
            }
        }
    }

    private static String serverName(String type, JsonNode data) {
        if (type.startsWith("connect.server.")) {
            return textOr(data, "name", text(data, "new_name"));
        }
        return null;
    }

    private static String tokenName(String type, JsonNode data) {
        if (type.startsWith("connect.token.")) {
            return textOr(data, "name", text(data, "new_name"));
        }
        return null;
    }

    private static String groupName(String type, JsonNode data) {
        if (type.equals("connect.group.registered.v1")) {
            return text(data, "name");
        }
        return text(data, "group_name");
    }

    private static OffsetDateTime time(String text, OffsetDateTime fallback) {
        try {
            return text == null ? fallback : OffsetDateTime.parse(text);
        } catch (RuntimeException e) {
            return fallback;
        }
    }

    private static List<String> groups(String attribute) {
        return attribute == null || attribute.isBlank() ? List.of()
                : Arrays.stream(attribute.split(",")).map(String::strip).filter(g -> !g.isEmpty()).toList();
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || !value.isValueNode() ? null : value.asText();
    }

    private static String textOr(JsonNode node, String field, String fallback) {
        String value = text(node, field);
        return value != null ? value : fallback;
    }
}

package dev.connectplane.contracts.envelope;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.datatype.jsr310.ser.OffsetDateTimeSerializer;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Reads and writes events as structured-mode CloudEvents JSON. Times are written in one
 * canonical form, RFC 3339 with milliseconds ({@code 2026-11-28T04:10:00.120Z}); absent
 * optional fields are left out rather than written as {@code null}. Unknown properties are
 * ignored so that a reader keeps working when a later producer adds optional fields.
 */
public final class EventCodec {

    /** The canonical time format of every event attribute and field. */
    public static final DateTimeFormatter TIME_FORMAT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSXXX");

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule().addSerializer(OffsetDateTime.class,
                    new OffsetDateTimeSerializer(OffsetDateTimeSerializer.INSTANCE, false, TIME_FORMAT, null)))
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .build();

    private EventCodec() {
    }

    /** The mapper the contracts are defined with, for tests and tools that read events. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static String encode(EventEnvelope<?> envelope) {
        try {
            return MAPPER.writeValueAsString(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event could not be written as JSON: " + envelope.type(), e);
        }
    }

    /**
     * Reads an event of a known type.
     *
     * @throws EventDecodingException when the text is not JSON, lacks a required attribute, names
     *                                a type this version does not know, or its data does not fit the type
     */
    public static EventEnvelope<EventPayload> decode(String json) {
        JsonNode node = readTree(json);
        String type = requiredText(node, "type");
        EventType eventType = EventType.fromType(type)
                .orElseThrow(() -> new EventDecodingException("unknown event type '" + type + "'"));
        JsonNode data = node.get("data");
        if (data == null || !data.isObject()) {
            throw new EventDecodingException("event " + type + " has no data object");
        }
        EventPayload payload;
        OffsetDateTime time;
        try {
            payload = MAPPER.treeToValue(data, eventType.payloadClass());
            time = MAPPER.treeToValue(node.get("time"), OffsetDateTime.class);
        } catch (JsonProcessingException | IllegalArgumentException | NullPointerException e) {
            throw new EventDecodingException("event " + type + " is not valid: " + rootMessage(e), e);
        }
        if (time == null) {
            throw new EventDecodingException("event " + type + " has no time");
        }
        String specVersion = requiredText(node, "specversion");
        if (!EventEnvelope.SPEC_VERSION.equals(specVersion)) {
            throw new EventDecodingException("unsupported CloudEvents specversion '" + specVersion + "'");
        }
        return new EventEnvelope<>(specVersion, requiredText(node, "id"), requiredText(node, "source"), type,
                text(node, "subject"), time, text(node, "datacontenttype"), text(node, "partitionkey"),
                text(node, "actorid"), text(node, "actortype"), text(node, "actorgroups"),
                text(node, "causationid"), payload);
    }

    /** Reads any JSON text as a tree, for readers that keep events they do not know. */
    public static JsonNode readTree(String json) {
        if (json == null || json.isBlank()) {
            throw new EventDecodingException("empty message");
        }
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new EventDecodingException("not JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static String requiredText(JsonNode node, String field) {
        String value = text(node, field);
        if (value == null || value.isBlank()) {
            throw new EventDecodingException("missing CloudEvents attribute '" + field + "'");
        }
        return value;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null ? root.getClass().getSimpleName() : message.lines().findFirst().orElse(message);
    }
}

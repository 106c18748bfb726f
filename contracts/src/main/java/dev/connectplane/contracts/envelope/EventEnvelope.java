package dev.connectplane.contracts.envelope;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * A CloudEvents 1.0 event in structured JSON mode, as every domain topic carries it.
 *
 * <p>Besides the required attributes it carries four extension attributes (CloudEvents
 * extension names are lower-case letters and digits only):
 * <ul>
 *   <li>{@code partitionkey}: the Kafka record key (the server ID wherever a server is involved),
 *       from the CloudEvents partitioning extension;</li>
 *   <li>{@code actorid}, {@code actortype}, {@code actorgroups}: who caused the change
 *       (see {@link Actor});</li>
 *   <li>{@code causationid}: the ID of the command that caused the event, when there was one.</li>
 * </ul>
 *
 * @param <T> the event payload, one of the records named in {@link EventType}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"specversion", "id", "source", "type", "subject", "time", "datacontenttype",
        "partitionkey", "actorid", "actortype", "actorgroups", "causationid", "data"})
public record EventEnvelope<T extends EventPayload>(
        String specversion,
        String id,
        String source,
        String type,
        String subject,
        OffsetDateTime time,
        String datacontenttype,
        String partitionkey,
        String actorid,
        String actortype,
        String actorgroups,
        String causationid,
        T data) {

    public static final String SPEC_VERSION = "1.0";
    public static final String DATA_CONTENT_TYPE = "application/json";
    /** The Kafka {@code content-type} header value of a structured-mode CloudEvent. */
    public static final String STRUCTURED_CONTENT_TYPE = "application/cloudevents+json; charset=UTF-8";

    public EventEnvelope {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(data, "data");
    }

    /**
     * Wraps a payload in a new envelope; the type, subject and key come from the payload.
     *
     * @param id          the event ID (unique, used by consumers to skip repeats)
     * @param source      URI reference of the producing service, e.g. {@code /connect/server-service}
     * @param time        when the change happened
     * @param actor       who caused it
     * @param causationId the causing command's ID, or {@code null}
     */
    public static <T extends EventPayload> EventEnvelope<T> of(String id, String source, OffsetDateTime time,
                                                               Actor actor, String causationId, T data) {
        return new EventEnvelope<>(SPEC_VERSION, id, source, EventType.of(data).type(), data.subject(), time,
                DATA_CONTENT_TYPE, data.partitionKey(), actor.id(), actor.type().wireName(),
                actor.groupsAttribute(), causationId, data);
    }

    /** The actor rebuilt from the extension attributes. */
    public Actor actor() {
        return Actor.fromAttributes(actorid, actortype, actorgroups);
    }
}

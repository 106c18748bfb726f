package dev.connectplane.testing;

import dev.connectplane.contracts.Topics;
import dev.connectplane.contracts.envelope.Actor;
import dev.connectplane.contracts.envelope.EventCodec;
import dev.connectplane.contracts.envelope.EventEnvelope;
import dev.connectplane.contracts.envelope.EventPayload;
import dev.connectplane.contracts.envelope.EventType;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Events published by tests as another service would publish them, on the real broker: a
 * structured CloudEvent on its type's topic, from that topic's owner ({@code source}), keyed by
 * its partition key, caused by a command.
 */
public final class TestEvents {

    /** The actor of events a test publishes without naming one. */
    public static final Actor ALICE = Actor.user("alice", List.of("DevOps"));

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ID_ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz".toCharArray();

    private TestEvents() {
    }

    /**
     * A fresh ID of the services' form, 26 characters of {@code [0-9a-z]} (service-foundation's
     * IdGenerator makes the real ones; this module does not depend on it).
     */
    public static String newId() {
        char[] id = new char[26];
        for (int i = 0; i < id.length; i++) {
            id[i] = ID_ALPHABET[RANDOM.nextInt(ID_ALPHABET.length)];
        }
        return new String(id);
    }

    /** Publishes {@code payload} as {@link #ALICE}. */
    public static EventEnvelope<EventPayload> publish(EventPayload payload) {
        return publish(payload, ALICE);
    }

    /** Publishes {@code payload} as {@code actor}, with a fresh event ID and causing command ID. */
    public static EventEnvelope<EventPayload> publish(EventPayload payload, Actor actor) {
        String topic = EventType.of(payload).topic();
        String source = Topics.sourceOf(Topics.ownerOf(topic).orElse("test"));
        EventEnvelope<EventPayload> event = EventEnvelope.of(UUID.randomUUID().toString(), source,
                OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS), actor, "cmd-" + UUID.randomUUID(),
                payload);
        send(topic, event);
        return event;
    }

    /** Sends an event as it is (to publish the same event twice, or on another topic). */
    public static void send(String topic, EventEnvelope<?> event) {
        TopicProbe.send(topic, event.partitionkey(), EventCodec.encode(event),
                Map.of("content-type", EventEnvelope.STRUCTURED_CONTENT_TYPE));
    }
}

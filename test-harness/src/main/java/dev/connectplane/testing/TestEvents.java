package dev.connectplane.testing;

import dev.connectplane.contracts.envelope.Actor;
import dev.connectplane.contracts.envelope.EventCodec;
import dev.connectplane.contracts.envelope.EventEnvelope;
import dev.connectplane.contracts.envelope.EventPayload;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Events published by tests as another service would publish them, on the real broker. */
public final class TestEvents {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ID_ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz".toCharArray();

    private TestEvents() {
    }

    /** A fresh ID of the services' form: 26 characters of {@code [0-9a-z]}. */
    public static String newId() {
        char[] id = new char[26];
        for (int i = 0; i < id.length; i++) {
            id[i] = ID_ALPHABET[RANDOM.nextInt(ID_ALPHABET.length)];
        }
        return new String(id);
    }

    /** Publishes {@code payload} on {@code topic} in a structured CloudEvent keyed as the service would key it. */
    public static EventEnvelope<EventPayload> publish(String topic, EventPayload payload) {
        EventEnvelope<EventPayload> event = EventEnvelope.of(UUID.randomUUID().toString(), "/connect/test",
                OffsetDateTime.now(ZoneOffset.UTC), Actor.user("alice", List.of("DevOps")),
                "cmd-" + UUID.randomUUID(), payload);
        TopicProbe.send(topic, event.partitionkey(), EventCodec.encode(event),
                Map.of("content-type", EventEnvelope.STRUCTURED_CONTENT_TYPE));
        return event;
    }
}

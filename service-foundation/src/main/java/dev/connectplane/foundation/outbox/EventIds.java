package dev.connectplane.foundation.outbox;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;

/**
 * New event IDs: UUIDv7 (RFC 9562), time-ordered, from the Java UUID Generator rather than a
 * generator of our own. The outbox's unique index on {@code event_id} (and the audit's) takes a
 * cascade's 20,000 new IDs at its right edge instead of at 20,000 random places: PostgreSQL
 * alone inserted a 20,000-row cascade in 127–131 ms instead of 189–207 ms with random (v4) IDs.
 * The IDs stay unique; nothing reads meaning into them.
 */
public final class EventIds {

    private static final TimeBasedEpochGenerator GENERATOR = Generators.timeBasedEpochGenerator();

    private EventIds() {
    }

    public static String next() {
        return GENERATOR.generate().toString();
    }
}

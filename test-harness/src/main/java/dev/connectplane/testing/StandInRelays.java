package dev.connectplane.testing;

import dev.connectplane.contracts.Topics;
import dev.connectplane.contracts.envelope.Actor;
import dev.connectplane.contracts.envelope.EventEnvelope;
import dev.connectplane.contracts.operations.OutboxWatermark;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The outbox watermarks of the services a component test does not run. A {@code @QuarkusTest}
 * publishes the other services' events itself ({@link TestEvents}), each acknowledged before the
 * test goes on, so every four times a second this says, for each service, that it has published
 * everything up to now. Without it, a projection wait would call every missing object late, as it
 * must while a real relay is silent. The stand-in's watermarks carry the actor
 * {@value #ACTOR}, so that a test of the real relay can tell them apart. Started once per test
 * JVM by {@link ConnectInfraResource}; its thread is a daemon and ends with the JVM.
 */
public final class StandInRelays {

    /** The system actor of the stand-in's watermarks. */
    public static final String ACTOR = "stand-in-relay";
    private static final Logger LOG = Logger.getLogger(StandInRelays.class.getName());
    private static final long PERIOD_MILLIS = 250;
    private static ScheduledExecutorService running;

    private StandInRelays() {
    }

    /** Starts publishing, unless it already does. */
    public static synchronized void start() {
        if (running != null) {
            return;
        }
        running = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "stand-in-relays");
            thread.setDaemon(true);
            return thread;
        });
        running.scheduleWithFixedDelay(StandInRelays::publishAll, 0, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
    }

    private static void publishAll() {
        Instant now = Instant.now();
        try {
            Topics.CONSUMING_SERVICES.forEach(service -> publish(service, now));
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "stand-in watermark not sent (the broker may be down for a test): " + e);
        }
    }

    private static void publish(String service, Instant through) {
        OutboxWatermark watermark = OutboxWatermark.through(service, through);
        EventEnvelope<OutboxWatermark> event = EventEnvelope.of(UUID.randomUUID().toString(), Topics.sourceOf(service),
                OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS), Actor.system(ACTOR), null, watermark);
        TestEvents.send(Topics.OUTBOX_WATERMARKS, event);
    }
}

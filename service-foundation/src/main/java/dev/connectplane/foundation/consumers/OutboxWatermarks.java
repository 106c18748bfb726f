package dev.connectplane.foundation.consumers;

import dev.connectplane.contracts.Topics;
import dev.connectplane.contracts.envelope.EventCodec;
import dev.connectplane.contracts.envelope.EventEnvelope;
import dev.connectplane.contracts.envelope.EventPayload;
import dev.connectplane.contracts.operations.OutboxWatermark;
import dev.connectplane.foundation.config.FoundationConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * How far each service's outbox relay has published, as its watermarks on
 * {@code connect.outbox.watermarks} say ({@link OutboxWatermark}). Being caught up with a topic
 * says nothing about events its owner has committed and not yet published: a server acknowledged
 * by server-service whose relay was killed before it sent the ServerCreated is on its way for as
 * long as server-service takes to restart. So a projection wait that misses an object calls it
 * missing only once the owner of its topic has published through a moment after the request came
 * in ({@link #publishedSince}), and the consumer has then applied that topic to its end
 * ({@link ConsumerPositions#unlessBehind}).
 *
 * <p>Fed by a per-instance channel of each service that waits for projections (a listener in its
 * {@code messaging/in}, from the topic's end: a start waits a second for fresh watermarks, and the
 * start grace of {@link BrokerOutages} covers that). An unreadable watermark, or one whose source
 * is not the service it speaks for, changes nothing. Only the latest is kept, per service.
 */
@ApplicationScoped
public class OutboxWatermarks {

    private static final Logger LOG = Logger.getLogger(OutboxWatermarks.class);

    private final Map<String, Instant> publishedThrough = new ConcurrentHashMap<>();
    private final Duration clockSkew;

    @Inject
    public OutboxWatermarks(FoundationConfig config) {
        this(config.consumer().clockSkew());
    }

    OutboxWatermarks(Duration clockSkew) {
        this.clockSkew = clockSkew;
    }

    /** Takes one record of {@code connect.outbox.watermarks}. */
    public void take(String value) {
        EventEnvelope<EventPayload> event;
        try {
            event = EventCodec.decode(value);
        } catch (RuntimeException e) {
            LOG.debugf("unreadable outbox watermark ignored: %s", e.getMessage());
            return;
        }
        if (event.data() instanceof OutboxWatermark watermark && Topics.sourceOf(watermark.service()).equals(event.source())) {
            publishedThrough.merge(watermark.service(), watermark.publishedThrough().toInstant(), OutboxWatermarks::later);
        } else {
            LOG.debugf("event %s (%s from %s) on the watermarks topic ignored", event.id(), event.type(), event.source());
        }
    }

    /**
     * Whether {@code service}'s relay has published every event it committed before
     * {@code asked}, with {@code connect.consumer.clock-skew} to spare (its clock may be ahead of
     * this one's).
     */
    public boolean publishedSince(String service, Instant asked) {
        Instant through = publishedThrough.get(service);
        return through != null && !through.isBefore(asked.plus(clockSkew));
    }

    private static Instant later(Instant one, Instant other) {
        return one.isAfter(other) ? one : other;
    }
}

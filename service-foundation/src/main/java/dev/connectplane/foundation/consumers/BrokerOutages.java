package dev.connectplane.foundation.consumers;

import dev.connectplane.foundation.config.FoundationConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

/**
 * When this service last could not reach the broker. Being caught up with a topic says nothing
 * about events another service has committed but not yet published: while the broker is away,
 * and for a while after it is back (until the other services' relays have published their
 * backlog), an object a projection does not have may still be on its way. A projection wait asks
 * {@link #recentlyAway} and answers "late" (503, a command retried) instead of "missing" (404).
 *
 * <p>Asked in the background every second: the end offsets of the first partition of the first
 * incoming channel's topics, on that channel's polling thread, with a short timeout (one broker
 * serves every channel); a failure counts as the broker away, and so does any
 * {@link ConsumerPositions#caughtUp} that could not ask. The window after it answers again is
 * {@code connect.consumer.broker-recovery-grace}.
 *
 * <p>A start counts as the broker having been away: while this service was down it read
 * nothing, and while it boots the other services' relays are slow on a busy machine. So for
 * {@code connect.consumer.start-grace} after start, too, what is missing may be late. Found by
 * the token-service drill of {@code FaultDrillIT}: two token creates for servers acknowledged
 * seconds before were answered 404 by the restarted token-service: its consumers held no
 * partition yet, and the group's committed offsets were at the ends of what the topic held then.
 */
@ApplicationScoped
public class BrokerOutages {

    private static final long PERIOD_MILLIS = 1000;
    private static final Duration TIMEOUT = Duration.ofMillis(800);

    private final KafkaClientService clients;
    private final ChannelTopics topics;
    private final Vertx vertx;
    private final Duration grace;
    private final Duration startGrace;
    private final Clock clock;
    private final AtomicBoolean probing = new AtomicBoolean();
    private volatile Instant lastAway = Instant.EPOCH;
    /** When this bean was made: at start, when the StartupEvent reaches it, or at its first use, if sooner. */
    private final Instant started;
    private long timer = -1;

    public BrokerOutages(KafkaClientService clients, ChannelTopics topics, Vertx vertx, FoundationConfig config) {
        this.clients = clients;
        this.topics = topics;
        this.vertx = vertx;
        this.grace = config.consumer().brokerRecoveryGrace();
        this.startGrace = config.consumer().startGrace();
        this.clock = Clock.systemUTC();
        this.started = clock.instant();
    }

    void onStart(@Observes StartupEvent event) {
        timer = vertx.setPeriodic(PERIOD_MILLIS, id -> probe());
    }

    void onStop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** Whether the broker was unreachable within its grace window, or this service started within its own. */
    public boolean recentlyAway() {
        return mayBeLate(lastAway, started, clock.instant(), grace, startGrace);
    }

    static boolean mayBeLate(Instant lastAway, Instant started, Instant now, Duration grace, Duration startGrace) {
        return isWithin(lastAway, now, grace) || isWithin(started, now, startGrace);
    }

    /** Records that the broker did not answer (also what a caller saw itself). */
    public void away() {
        lastAway = clock.instant();
    }

    static boolean isWithin(Instant lastAway, Instant now, Duration grace) {
        return !now.isAfter(lastAway.plus(grace));
    }

    private void probe() {
        if (!probing.compareAndSet(false, true)) {
            return;
        }
        List<String> channels = topics.channels();
        if (channels.isEmpty()) {
            probing.set(false);
            return;
        }
        String channel = channels.get(0);
        List<KafkaConsumer<Object, Object>> consumers = clients.getConsumers(channel);
        if (consumers.isEmpty()) {
            probing.set(false);
            return;
        }
        Set<String> channelTopics = topics.of(channel);
        Function<Consumer<Object, Object>, Boolean> ask = consumer -> answers(consumer, channelTopics);
        consumers.get(0).runOnPollingThread(ask)
                .subscribe().with(answered -> {
                    if (!answered) {
                        away();
                    }
                    probing.set(false);
                }, failure -> {
                    away();
                    probing.set(false);
                });
    }

    /** Whether the broker answers a request for the end offset of the topics' first partitions. */
    private static boolean answers(Consumer<Object, Object> consumer, Set<String> topics) {
        try {
            Set<TopicPartition> first = new HashSet<>();
            topics.forEach(topic -> first.add(new TopicPartition(topic, 0)));
            consumer.endOffsets(first, TIMEOUT);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }
}

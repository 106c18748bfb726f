package dev.connectplane.token.messaging.in;

import dev.connectplane.foundation.consumers.ConsumerPositions;
import dev.connectplane.token.config.TokenConfig;
import dev.connectplane.token.introspection.IntrospectionCache;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Watches the access-change listener ({@link AccessChangesListener}) once a second: is it
 * assigned its partitions and has it read up to their end? When it has not been caught up for
 * longer than {@code connect.token.cache-max-staleness} (disconnected, started late, lagging),
 * this instance stops answering introspection from memory ({@link IntrospectionCache#trustEvents})
 * until it is caught up again. Gauge {@code connect.introspection.cache.trusted} (1 or 0).
 */
@ApplicationScoped
public class AccessChangesLag {

    static final String CHANNEL = "token-cache";
    private static final Logger LOG = Logger.getLogger(AccessChangesLag.class);
    private static final long PERIOD_MILLIS = 1000;

    private final ConsumerPositions positions;
    private final IntrospectionCache cache;
    private final Vertx vertx;
    private final Duration bound;
    private volatile Instant caughtUpAt = Instant.now();
    private boolean trustedNow = true;
    private long timer = -1;

    public AccessChangesLag(ConsumerPositions positions, IntrospectionCache cache, Vertx vertx, TokenConfig config,
                            MeterRegistry registry) {
        this.positions = positions;
        this.cache = cache;
        this.vertx = vertx;
        this.bound = config.cacheMaxStaleness();
        Gauge.builder("connect.introspection.cache.trusted", cache, c -> c.eventsTrusted() ? 1 : 0)
                .description("1 while introspection may answer from memory, 0 while the access-change listener "
                        + "is behind and every answer reads the database")
                .register(registry);
    }

    void onStart(@Observes StartupEvent event) {
        timer = vertx.setPeriodic(PERIOD_MILLIS, id -> check());
    }

    void onStop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    private void check() {
        positions.caughtUp(CHANNEL)
                .subscribe().with(this::judge, failure -> judge(false));
    }

    /** Tells the cache when the verdict changes: trusted while caught up within the bound. */
    private void judge(boolean caughtUp) {
        Instant now = Instant.now();
        if (caughtUp) {
            caughtUpAt = now;
        }
        boolean trusted = isTrusted(caughtUpAt, now, bound);
        if (trusted == trustedNow) {
            return;
        }
        trustedNow = trusted;
        if (trusted) {
            LOG.info("access-change listener caught up: introspection answers from memory again");
        } else {
            LOG.warnf("access-change listener not caught up for over %s: introspection reads the database "
                    + "for every answer until it is", bound);
        }
        cache.trustEvents(trusted);
    }

    /** The listener is trusted while it was last seen caught up no longer than {@code bound} ago. */
    static boolean isTrusted(Instant caughtUpAt, Instant now, Duration bound) {
        return !now.isAfter(caughtUpAt.plus(bound));
    }
}

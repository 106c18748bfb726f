package dev.connectplane.foundation.wait;

import dev.connectplane.contracts.envelope.Actor;
import dev.connectplane.foundation.authz.Authorizer;
import dev.connectplane.foundation.config.FoundationConfig;
import dev.connectplane.foundation.faults.NotYetAvailable;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The gate in front of every projection wait (a request naming a server this service may not
 * have heard of yet). The wait runs only for a caller who could act on that server were it
 * there: a manager, an all-servers group, or a group granted that very server ID. Anyone else
 * goes straight to the lookup, which answers the same 404 at once whether the server exists or
 * not, so neither the status, nor the body, nor the time tells them. And one caller has at most
 * {@code connect.consumer.waits-per-caller} (16) waits in flight; one more is answered 503 with
 * {@code Retry-After} at once.
 *
 * <p>Counter {@code connect.projection.waits{outcome}}: {@code waited}, {@code skipped} (the
 * caller may not act on what the reference names), {@code refused} (over the caller's bound).
 */
@ApplicationScoped
public class CallerWaits {

    private final Authorizer authorizer;
    private final int perCaller;
    private final Map<String, Integer> inFlight = new ConcurrentHashMap<>();
    private final Counter waited;
    private final Counter skipped;
    private final Counter refused;

    public CallerWaits(Authorizer authorizer, FoundationConfig config, MeterRegistry registry) {
        this.authorizer = authorizer;
        this.perCaller = config.consumer().waitsPerCaller();
        this.waited = counter(registry, "waited");
        this.skipped = counter(registry, "skipped");
        this.refused = counter(registry, "refused");
    }

    /** Runs {@code wait} if {@code actor} could act on the server {@code serverReference} names, within its bound. */
    public Uni<Void> forServer(Actor actor, String serverReference, Supplier<Uni<Void>> wait) {
        return couldManage(actor, serverReference)
                .chain(allowed -> allowed ? bounded(actor.id(), wait) : skip());
    }

    /**
     * Whether {@code actor} could manage the server {@code serverReference} names, were it there:
     * only then may anything about that server be waited for or told to be "on its way".
     */
    public Uni<Boolean> couldManage(Actor actor, String serverReference) {
        String reference = serverReference == null ? "" : serverReference.strip();
        return authorizer.rightsOf(actor)
                .map(rights -> rights.canManage(reference));
    }

    private Uni<Void> skip() {
        skipped.increment();
        return Uni.createFrom().voidItem();
    }

    private Uni<Void> bounded(String caller, Supplier<Uni<Void>> wait) {
        int waiting = inFlight.merge(caller, 1, Integer::sum);
        if (waiting > perCaller) {
            release(caller);
            refused.increment();
            return Uni.createFrom().failure(new NotYetAvailable("too many of your requests are waiting for this "
                    + "service to hear of what they name (at most " + perCaller + " at once); try again"));
        }
        waited.increment();
        return Uni.createFrom().<Void>deferred(wait::get)
                .onTermination().invoke(() -> release(caller));
    }

    private void release(String caller) {
        inFlight.computeIfPresent(caller, (key, count) -> count <= 1 ? null : count - 1);
    }

    private static Counter counter(MeterRegistry registry, String outcome) {
        return Counter.builder("connect.projection.waits")
                .description("requests that named something this service had not heard of yet, by what the gate did")
                .tag("outcome", outcome)
                .register(registry);
    }
}

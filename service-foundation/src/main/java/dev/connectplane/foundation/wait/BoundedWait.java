package dev.connectplane.foundation.wait;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Waits for a projection to catch up: re-reads a condition every {@code interval} until it
 * holds or {@code limit} has passed, then completes either way (the caller's own lookup then
 * gives the answer). Meant for conditions read with the plain reactive client, outside any
 * Hibernate session, since a session must not wait on a timer; the result comes back on the
 * caller's Vert.x context, so a session may follow.
 */
public final class BoundedWait {

    private BoundedWait() {
    }

    public static Uni<Void> until(Supplier<Uni<Boolean>> condition, Duration limit, Duration interval) {
        return holds(condition, limit, interval).replaceWithVoid();
    }

    /** {@link #until}, telling whether the condition held (false: the limit passed first). */
    public static Uni<Boolean> holds(Supplier<Uni<Boolean>> condition, Duration limit, Duration interval) {
        Context context = Vertx.currentContext();
        Uni<Boolean> polled = poll(condition, System.nanoTime() + limit.toNanos(), interval);
        return context == null ? polled : polled.emitOn(command -> context.runOnContext(ignored -> command.run()));
    }

    private static Uni<Boolean> poll(Supplier<Uni<Boolean>> condition, long deadline, Duration interval) {
        return condition.get().chain(holds -> {
            if (holds || System.nanoTime() >= deadline) {
                return Uni.createFrom().item(holds);
            }
            return Uni.createFrom().voidItem().onItem().delayIt().by(interval).chain(() -> poll(condition, deadline, interval));
        });
    }
}

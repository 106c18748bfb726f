package dev.connectplane.foundation.consumers;

import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Runs the records of one channel side by side, up to {@code limit} at once, while the records of
 * one key run one after the other in the order they were submitted. A channel hands each record
 * to {@link #submit} and takes the next once the returned {@link Uni} has its item: at once while
 * fewer than {@code limit} records run, else when one of them ends. So the consumer keeps pulling
 * records while earlier ones wait on the database, and the broker's poll stays the only buffer.
 *
 * <p>Each record's work runs on a Vert.x context of its own (a new duplicated context), where its
 * Hibernate Reactive session and transaction live: two records never share one. The work ends
 * its record itself (acknowledged or nacked); a failure it lets out is logged and counts as ended.
 *
 * <p>Calls to {@code submit} come one at a time (the channel waits for each item); the state is
 * guarded anyway, since records end on their own contexts.
 */
public final class KeyOrderedDispatch {

    private static final Logger LOG = Logger.getLogger(KeyOrderedDispatch.class);

    private final int limit;
    private final Map<String, CompletableFuture<Void>> lastOfKey = new HashMap<>();
    private final Queue<Runnable> waitingForSlot = new ArrayDeque<>();
    private int running;

    public KeyOrderedDispatch(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("the concurrency limit must be at least 1, not " + limit);
        }
        this.limit = limit;
    }

    /**
     * Starts {@code work} once the work submitted before under the same key has ended; the item
     * comes when the channel may submit the next record.
     */
    public Uni<Void> submit(String key, Supplier<Uni<Void>> work) {
        CompletableFuture<Void> ended = new CompletableFuture<>();
        CompletableFuture<Void> previous = enter(key, ended);
        Context own = ownContext();
        if (previous == null) {
            start(own, key, work, ended);
        } else {
            previous.whenComplete((ignored, failure) -> start(own, key, work, ended));
        }
        return slotForNext();
    }

    /** How many submitted records have not ended yet. */
    public synchronized int running() {
        return running;
    }

    private synchronized CompletableFuture<Void> enter(String key, CompletableFuture<Void> ended) {
        running++;
        return lastOfKey.put(key, ended);
    }

    private void start(Context own, String key, Supplier<Uni<Void>> work, CompletableFuture<Void> ended) {
        Runnable run = () -> Uni.createFrom().<Void>deferred(work::get)
                .subscribe().with(
                        ignored -> end(key, ended),
                        failure -> {
                            LOG.errorf(failure, "work on key %s failed without ending its record", key);
                            end(key, ended);
                        });
        if (own == null) {
            run.run();
        } else {
            own.runOnContext(ignored -> run.run());
        }
    }

    private void end(String key, CompletableFuture<Void> ended) {
        Runnable next;
        synchronized (this) {
            running--;
            lastOfKey.remove(key, ended);
            next = running < limit ? waitingForSlot.poll() : null;
        }
        ended.complete(null);
        if (next != null) {
            next.run();
        }
    }

    /** An item now while a slot is free; otherwise when a record ends, on the caller's context. */
    private Uni<Void> slotForNext() {
        Context caller = Vertx.currentContext();
        CompletableFuture<Void> slot = new CompletableFuture<>();
        synchronized (this) {
            if (running < limit) {
                return Uni.createFrom().voidItem();
            }
            waitingForSlot.add(caller == null
                    ? () -> slot.complete(null)
                    : () -> caller.runOnContext(ignored -> slot.complete(null)));
        }
        return Uni.createFrom().completionStage(slot);
    }

    /** A new duplicated context beside the caller's; none outside Vert.x (the work runs right here). */
    private static Context ownContext() {
        Context current = Vertx.currentContext();
        return current == null ? null : VertxContext.createNewDuplicatedContext(current);
    }
}

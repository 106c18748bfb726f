package dev.connectplane.foundation.consumers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.helpers.test.UniAssertSubscriber;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Outside Vert.x the work runs on the submitting thread; each piece of work ends when the test says. */
class KeyOrderedDispatchTest {

    /** Work that records its start and ends when its future is completed. */
    private final Map<String, CompletableFuture<Void>> pending = new LinkedHashMap<>();
    private final List<String> started = new ArrayList<>();

    private Supplier<Uni<Void>> work(String name) {
        return () -> {
            started.add(name);
            CompletableFuture<Void> end = new CompletableFuture<>();
            pending.put(name, end);
            return Uni.createFrom().completionStage(end);
        };
    }

    private void end(String name) {
        pending.get(name).complete(null);
    }

    @Test
    void workOfOneKeyRunsOneAfterTheOtherInOrder() {
        KeyOrderedDispatch dispatch = new KeyOrderedDispatch(8);
        dispatch.submit("s1", work("s1-create"));
        dispatch.submit("s1", work("s1-edit"));
        dispatch.submit("s1", work("s1-delete"));
        assertThat(started).containsExactly("s1-create");

        end("s1-create");
        assertThat(started).containsExactly("s1-create", "s1-edit");
        end("s1-edit");
        end("s1-delete");
        assertThat(started).containsExactly("s1-create", "s1-edit", "s1-delete");
        assertThat(dispatch.running()).isZero();
    }

    @Test
    void workOfOtherKeysRunsSideBySide() {
        KeyOrderedDispatch dispatch = new KeyOrderedDispatch(8);
        dispatch.submit("s1", work("s1-create"));
        dispatch.submit("s2", work("s2-create"));
        dispatch.submit("s1", work("s1-edit"));
        dispatch.submit("s3", work("s3-create"));

        assertThat(started).containsExactly("s1-create", "s2-create", "s3-create");
        assertThat(dispatch.running()).isEqualTo(4);
        end("s2-create");
        assertThat(started).containsExactly("s1-create", "s2-create", "s3-create");
        end("s1-create");
        assertThat(started).endsWith("s1-edit");
    }

    @Test
    void theNextRecordWaitsWhileTheLimitIsReached() {
        KeyOrderedDispatch dispatch = new KeyOrderedDispatch(2);
        UniAssertSubscriber<Void> first = dispatch.submit("s1", work("s1")).subscribe()
                .withSubscriber(UniAssertSubscriber.create());
        UniAssertSubscriber<Void> second = dispatch.submit("s2", work("s2")).subscribe()
                .withSubscriber(UniAssertSubscriber.create());

        first.assertCompleted();
        second.assertNotTerminated();
        end("s2");
        second.assertCompleted();
        assertThat(dispatch.running()).isEqualTo(1);
    }

    @Test
    void aRecordWaitingForItsKeyHoldsASlot() {
        KeyOrderedDispatch dispatch = new KeyOrderedDispatch(2);
        dispatch.submit("s1", work("s1-create"));
        UniAssertSubscriber<Void> next = dispatch.submit("s1", work("s1-edit")).subscribe()
                .withSubscriber(UniAssertSubscriber.create());

        next.assertNotTerminated();
        end("s1-create");
        next.assertCompleted();
        assertThat(started).containsExactly("s1-create", "s1-edit");
    }

    @Test
    void workThatFailsStillEndsAndTheKeyGoesOn() {
        KeyOrderedDispatch dispatch = new KeyOrderedDispatch(4);
        dispatch.submit("s1", () -> Uni.createFrom().failure(new IllegalStateException("not acknowledged")));
        dispatch.submit("s1", () -> {
            throw new IllegalStateException("thrown while starting");
        });
        dispatch.submit("s1", work("s1-after"));

        assertThat(started).containsExactly("s1-after");
        end("s1-after");
        assertThat(dispatch.running()).isZero();
    }

    @Test
    void aLimitBelowOneIsRefused() {
        assertThatThrownBy(() -> new KeyOrderedDispatch(0)).isInstanceOf(IllegalArgumentException.class);
    }
}

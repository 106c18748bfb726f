package dev.connectplane.foundation.health;

import dev.connectplane.foundation.consumers.ChannelTopics;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.Consumer;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready once every consumer of every incoming Kafka channel has joined its group (whatever share
 * of the partitions the group gave this instance, none included when there are more consumers
 * than partitions), or, for a channel that assigns itself partitions, holds them. Until then
 * events already on the topics may not be applied by anyone, so a command that depends on them
 * (a grant right after a create) could miss them; SmallRye's own readiness check only says the
 * consumers are connected.
 *
 * <p>Asking the consumers takes a turn of each one's polling loop, so the answer is computed in
 * the background every second and a probe gets the latest one at once; a probe before the first
 * answer waits for it at most {@value #FIRST_ANSWER_MILLIS} ms, and is DOWN after that.
 */
@Readiness
@ApplicationScoped
public class ConsumerAssignmentCheck implements AsyncHealthCheck {

    private static final long REFRESH_MILLIS = 1000;
    static final long FIRST_ANSWER_MILLIS = 500;
    private static final String NAME = "Kafka consumers joined";

    private final KafkaClientService clients;
    private final List<String> channels;
    private final Vertx vertx;
    private final AtomicBoolean refreshing = new AtomicBoolean();
    /** Null until the background refresh has answered once. */
    private volatile HealthCheckResponse latest;
    private long timer = -1;

    /** Where one consumer stands in its group. */
    private enum Membership {
        JOINED, ASSIGNED, WAITING;

        static Membership of(Consumer<Object, Object> consumer) {
            if (consumer.subscription().isEmpty()) {
                return consumer.assignment().isEmpty() ? WAITING : ASSIGNED;
            }
            return consumer.groupMetadata().generationId() > 0 ? JOINED : WAITING;
        }
    }

    public ConsumerAssignmentCheck(KafkaClientService clients, ChannelTopics topics, Vertx vertx) {
        this.clients = clients;
        this.vertx = vertx;
        this.channels = topics.channels();
    }

    void onStart(@Observes StartupEvent event) {
        refresh();
        timer = vertx.setPeriodic(REFRESH_MILLIS, id -> refresh());
    }

    void onStop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** The latest answer, computed in the background; before the first one, a short wait for it. */
    @Override
    public Uni<HealthCheckResponse> call() {
        HealthCheckResponse answer = latest;
        if (answer != null) {
            return Uni.createFrom().item(answer);
        }
        return compute()
                .ifNoItem().after(Duration.ofMillis(FIRST_ANSWER_MILLIS))
                .recoverWithItem(() -> HealthCheckResponse.named(NAME).down().withData("consumers", "still checking").build());
    }

    private void refresh() {
        if (!refreshing.compareAndSet(false, true)) {
            return;
        }
        compute().subscribe().with(response -> {
            latest = response;
            refreshing.set(false);
        }, failure -> {
            latest = HealthCheckResponse.named(NAME).down().withData("consumers", failure.toString()).build();
            refreshing.set(false);
        });
    }

    private Uni<HealthCheckResponse> compute() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME).up();
        return Multi.createFrom().iterable(channels)
                .onItem().transformToUniAndConcatenate(channel -> waiting(channel).invoke(waiting -> {
                    response.withData(channel, waiting == 0 ? "joined" : waiting + " consumers not joined yet");
                    if (waiting > 0) {
                        response.down();
                    }
                }))
                .collect().last()
                .replaceWith(response::build);
    }

    /** How many of the channel's consumers have not joined their group yet (one if it has none). */
    private Uni<Integer> waiting(String channel) {
        List<KafkaConsumer<Object, Object>> consumers = clients.getConsumers(channel);
        if (consumers.isEmpty()) {
            return Uni.createFrom().item(1);
        }
        return Multi.createFrom().iterable(consumers)
                .onItem().transformToUniAndConcatenate(consumer -> consumer.runOnPollingThread(Membership::of))
                .filter(membership -> membership == Membership.WAITING)
                .collect().asList()
                .map(List::size);
    }
}

package dev.connectplane.foundation.health;

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
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.StreamSupport;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only once every partition of every incoming Kafka channel's topic is assigned to one of
 * the channel's consumers. Until the consumer group has settled, events already on the topics
 * are not being applied, so a command that depends on them (a grant right after a create)
 * could miss them; SmallRye's own readiness check only says the consumers are connected.
 *
 * <p>Asking the consumers takes a turn of each one's polling loop (up to a second each), so the
 * answer is computed in the background every second and a probe gets the latest one at once
 * (only a probe before the first refresh has answered waits for its own computation).
 */
@Readiness
@ApplicationScoped
public class ConsumerAssignmentCheck implements AsyncHealthCheck {

    private static final long REFRESH_MILLIS = 1000;
    private static final String NAME = "Kafka consumer partitions assigned";

    private static final String PREFIX = "mp.messaging.incoming.";

    private final KafkaClientService clients;
    private final List<String> channels;
    private final Vertx vertx;
    private final AtomicBoolean refreshing = new AtomicBoolean();
    /** Null until the background refresh has answered once. */
    private volatile HealthCheckResponse latest;
    private long timer = -1;

    public ConsumerAssignmentCheck(KafkaClientService clients, Config config, Vertx vertx) {
        this.clients = clients;
        this.vertx = vertx;
        this.channels = StreamSupport.stream(config.getPropertyNames().spliterator(), false)
                .filter(name -> name.startsWith(PREFIX) && name.endsWith(".connector"))
                .filter(name -> "smallrye-kafka".equals(config.getOptionalValue(name, String.class).orElse("")))
                .map(name -> name.substring(PREFIX.length(), name.length() - ".connector".length()))
                .sorted().toList();
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

    /** The latest answer, computed in the background; the very first one is computed on demand. */
    @Override
    public Uni<HealthCheckResponse> call() {
        HealthCheckResponse answer = latest;
        if (answer != null) {
            return Uni.createFrom().item(answer);
        }
        return compute();
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
                .onItem().transformToUniAndConcatenate(channel -> unassigned(channel).invoke(missing -> {
                    response.withData(channel, missing.isEmpty() ? "all partitions assigned"
                            : missing.size() + " partitions not assigned yet");
                    if (!missing.isEmpty()) {
                        response.down();
                    }
                }))
                .collect().last()
                .replaceWith(() -> response.build());
    }

    /** The partitions of the channel's topics that none of its consumers holds. */
    private Uni<Set<TopicPartition>> unassigned(String channel) {
        List<KafkaConsumer<Object, Object>> consumers = clients.getConsumers(channel);
        if (consumers.isEmpty()) {
            return Uni.createFrom().item(Set.of(new TopicPartition(channel, -1)));
        }
        Set<TopicPartition> assigned = new HashSet<>();
        Set<TopicPartition> all = new HashSet<>();
        return Multi.createFrom().iterable(consumers)
                .onItem().transformToUniAndConcatenate(consumer -> consumer.getAssignments().invoke(assigned::addAll)
                        .chain(() -> consumer.runOnPollingThread(c -> {
                            c.subscription().forEach(topic -> c.partitionsFor(topic)
                                    .forEach(p -> all.add(new TopicPartition(p.topic(), p.partition()))));
                            return null;
                        }).replaceWithVoid()))
                .collect().last()
                .map(ignored -> {
                    Set<TopicPartition> missing = new HashSet<>(all);
                    missing.removeAll(assigned);
                    return assigned.isEmpty() ? Set.of(new TopicPartition(channel, -1)) : missing;
                });
    }
}

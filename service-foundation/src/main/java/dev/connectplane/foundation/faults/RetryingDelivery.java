package dev.connectplane.foundation.faults;

import dev.connectplane.foundation.config.FoundationConfig;
import dev.connectplane.foundation.consumers.ChannelTopics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

/**
 * Applies a consumed record until it succeeds or fails for good. A {@linkplain TransientFailures
 * transient} failure (the database away, a deadlock, a projection behind) is retried on the same
 * record with exponential back-off up to {@code connect.consumer.max-backoff}, for as long as it
 * takes: the channel waits, so records stay in order and nothing is acknowledged before it is
 * applied. A permanent failure is passed on, for the channel's dead-letter strategy.
 *
 * <p>While a record keeps failing, its partition is <em>stuck</em>: the gauge
 * {@code connect.consumer.stuck.seconds{topic}} says for how long (the longest of the topic's
 * partitions), and readiness ({@code ConsumersNotStuckCheck}) is DOWN, naming each stuck
 * partition, once that passes {@code connect.consumer.stuck-after}.
 * Each attempt is subscribed again on the record's Vert.x context, where the Hibernate Reactive
 * session and the request context live.
 */
@ApplicationScoped
public class RetryingDelivery {

    private static final Logger LOG = Logger.getLogger(RetryingDelivery.class);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(50);

    private final FoundationConfig.Consumer settings;
    private final MeterRegistry registry;
    private final Map<String, Stuck> stuck = new ConcurrentHashMap<>();
    private final Map<String, Counter> retries = new ConcurrentHashMap<>();
    private final Set<String> gauged = ConcurrentHashMap.newKeySet();

    /** Since when a partition's (or a batch consumer's) current record has been failing, and why. */
    public record Stuck(String topic, Instant since, String reason, String position) {
    }

    private final ChannelTopics channels;

    public RetryingDelivery(FoundationConfig foundation, MeterRegistry registry, ChannelTopics channels) {
        this.settings = foundation.consumer();
        this.registry = registry;
        this.channels = channels;
    }

    /** Every topic read here has its stuck gauge and retry counter from the start, at 0. */
    void onStart(@Observes StartupEvent event) {
        channels.all().forEach(topic -> {
            gauge(topic);
            retriesOf(topic);
        });
    }

    /** Runs the attempt, and again after each transient failure, until it succeeds or fails for good. */
    public <T> Uni<T> untilApplied(ConsumerRecord<?, ?> record, Supplier<Uni<T>> attempt) {
        String partition = record.topic() + "-" + record.partition();
        return untilApplied(record.topic(), partition, partition + "@" + record.offset(), attempt);
    }

    /**
     * {@link #untilApplied(ConsumerRecord, Supplier)} for a batch of records or another unit of
     * work: {@code consumer} names it for the gauge and readiness, {@code position} what it is at.
     */
    public <T> Uni<T> untilApplied(String consumer, String position, Supplier<Uni<T>> attempt) {
        return untilApplied(consumer, consumer, position, attempt);
    }

    /**
     * @param topic the gauge's tag
     * @param unit  what waits while the record fails: one partition (several may wait at once)
     */
    private <T> Uni<T> untilApplied(String topic, String unit, String position, Supplier<Uni<T>> attempt) {
        Executor onContext = contextExecutor();
        gauge(topic);
        return Uni.createFrom().<T>deferred(attempt::get)
                .runSubscriptionOn(onContext)
                .onFailure(TransientFailures::isTransient).invoke(failure -> failed(topic, unit, position, failure))
                .onFailure(TransientFailures::isTransient).retry()
                .withBackOff(FIRST_BACKOFF, settings.maxBackoff()).withJitter(0.2).indefinitely()
                .onItemOrFailure().invoke(() -> recovered(unit, position));
    }

    /**
     * The partitions (or batch consumers) whose record has been failing for longer than
     * {@code connect.consumer.stuck-after}, by name.
     */
    public Map<String, Stuck> stuckChannels() {
        Instant threshold = Instant.now().minus(settings.stuckAfter());
        Map<String, Stuck> result = new TreeMap<>();
        stuck.forEach((unit, state) -> {
            if (!state.since().isAfter(threshold)) {
                result.put(unit, state);
            }
        });
        return result;
    }

    /** Whether a consumer of this topic is retrying a record right now (however briefly). */
    public boolean isRetrying(String topic) {
        return stuck.values().stream().anyMatch(state -> state.topic().equals(topic));
    }

    private void failed(String topic, String unit, String position, Throwable failure) {
        String reason = TransientFailures.describe(failure);
        Stuck previous = stuck.putIfAbsent(unit, new Stuck(topic, Instant.now(), reason, position));
        retriesOf(topic).increment();
        if (previous == null) {
            LOG.warnf("record %s failed (%s); retrying it with back-off while its partition waits", position, reason);
        } else {
            LOG.debugf("record %s still failing: %s", position, reason);
        }
    }

    private Counter retriesOf(String topic) {
        return retries.computeIfAbsent(topic, name -> Counter.builder("connect.consumer.retries")
                .description("transient failures retried on the same record").tag("topic", name)
                .register(registry));
    }

    private void recovered(String unit, String position) {
        Stuck previous = stuck.remove(unit);
        if (previous != null) {
            LOG.infof("record %s went through after %d ms of retries", position,
                    Duration.between(previous.since(), Instant.now()).toMillis());
        }
    }

    /** One gauge per topic: the longest any of its partitions has been stuck. */
    private void gauge(String topic) {
        if (gauged.add(topic)) {
            Gauge.builder("connect.consumer.stuck.seconds", stuck, map -> map.values().stream()
                            .filter(state -> state.topic().equals(topic))
                            .mapToDouble(RetryingDelivery::secondsStuck).max().orElse(0))
                    .description("how long a record of the topic has been failing with transient failures (0: none)")
                    .tag("topic", topic).register(registry);
        }
    }

    private static double secondsStuck(Stuck state) {
        return state == null ? 0 : Duration.between(state.since(), Instant.now()).toMillis() / 1000.0;
    }

    /** Runs on the Vert.x context of the record being handled (or right here, outside one). */
    private static Executor contextExecutor() {
        Context context = Vertx.currentContext();
        if (context == null) {
            return Runnable::run;
        }
        return command -> {
            if (Vertx.currentContext() == context) {
                command.run();
            } else {
                context.runOnContext(ignored -> command.run());
            }
        };
    }
}

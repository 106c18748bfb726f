package dev.connectplane.foundation.consumers;

import dev.connectplane.foundation.faults.NotYetAvailable;
import dev.connectplane.foundation.faults.RetryingDelivery;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Whether an incoming channel has read everything that is on its topics now: every partition
 * of its topics is assigned to one of the channel's consumers here, and each has been read to
 * its end. Asked on the consumers' own polling threads, with a short timeout. A broker that does
 * not answer, a partition not assigned here (a rebalance under way, or another instance holding
 * it), or a consumer behind means "not caught up": the caller cannot tell that nothing is on its
 * way. The answer comes back on the caller's Vert.x context, so that a Hibernate session may
 * follow.
 */
@ApplicationScoped
public class ConsumerPositions {

    private static final Duration TIMEOUT = Duration.ofMillis(800);

    private final KafkaClientService clients;
    private final RetryingDelivery delivery;

    /** What one consumer holds: its partitions, whether it read them to their end, and every partition of its topics. */
    private record Standing(Set<TopicPartition> assigned, boolean atEnd, Set<TopicPartition> all) {
    }

    public ConsumerPositions(KafkaClientService clients, RetryingDelivery delivery) {
        this.clients = clients;
        this.delivery = delivery;
    }

    /**
     * How a projection wait tells "late" from "missing": completes when the channel reading
     * {@code topic} is neither retrying a record nor behind ({@link #caughtUp}), so what is
     * missing really is; otherwise fails with {@code late}.
     */
    public Uni<Void> unlessBehind(String channel, String topic, Supplier<NotYetAvailable> late) {
        if (delivery.isRetrying(topic)) {
            return Uni.createFrom().failure(late.get());
        }
        return caughtUp(channel)
                .chain(caughtUp -> caughtUp ? Uni.createFrom().voidItem() : Uni.createFrom().failure(late.get()));
    }

    /** True only when the channel's consumers here hold every partition of its topics and have read each to its end. */
    public Uni<Boolean> caughtUp(String channel) {
        List<KafkaConsumer<Object, Object>> consumers = clients.getConsumers(channel);
        if (consumers.isEmpty()) {
            return Uni.createFrom().item(false);
        }
        Context context = Vertx.currentContext();
        Uni<Boolean> answer = Multi.createFrom().iterable(consumers)
                .onItem().transformToUniAndConcatenate(consumer -> consumer.runOnPollingThread(ConsumerPositions::standing))
                .collect().asList()
                .map(ConsumerPositions::caughtUp)
                .onFailure().recoverWithItem(false);
        return context == null ? answer : answer.emitOn(command -> context.runOnContext(ignored -> command.run()));
    }

    private static boolean caughtUp(List<Standing> standings) {
        Set<TopicPartition> assigned = new HashSet<>();
        Set<TopicPartition> all = new HashSet<>();
        for (Standing standing : standings) {
            if (!standing.atEnd()) {
                return false;
            }
            assigned.addAll(standing.assigned());
            all.addAll(standing.all());
        }
        return !all.isEmpty() && assigned.containsAll(all);
    }

    private static Standing standing(Consumer<Object, Object> consumer) {
        Set<TopicPartition> all = new HashSet<>();
        for (String topic : consumer.subscription()) {
            consumer.partitionsFor(topic, TIMEOUT).forEach(info -> all.add(new TopicPartition(info.topic(), info.partition())));
        }
        Set<TopicPartition> assigned = consumer.assignment();
        if (assigned.isEmpty()) {
            return new Standing(assigned, true, all);
        }
        Map<TopicPartition, Long> ends = consumer.endOffsets(assigned, TIMEOUT);
        for (TopicPartition partition : assigned) {
            if (consumer.position(partition, TIMEOUT) < ends.getOrDefault(partition, 0L)) {
                return new Standing(Set.copyOf(assigned), false, all);
            }
        }
        return new Standing(Set.copyOf(assigned), true, all);
    }
}

package dev.connectplane.foundation.consumers;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Where an incoming channel's consumer stands against the end of the partitions it is assigned:
 * has it read everything that is on them now? Asked on the consumer's own polling thread, with
 * a short timeout; a broker that does not answer, or a consumer with no partitions, means "not
 * caught up": the caller cannot tell that nothing is on its way. The answer comes back on the
 * caller's Vert.x context, so that a Hibernate session may follow.
 */
@ApplicationScoped
public class ConsumerPositions {

    private static final Duration TIMEOUT = Duration.ofMillis(800);
    private static final int UNASSIGNED = 0;
    private static final int BEHIND = 1;
    private static final int AT_END = 2;

    private final KafkaClientService clients;

    public ConsumerPositions(KafkaClientService clients) {
        this.clients = clients;
    }

    /**
     * True only when the channel's consumers (a channel may run several, one per
     * {@code partitions}) hold at least one partition between them and have read each to its end.
     */
    public Uni<Boolean> caughtUp(String channel) {
        List<KafkaConsumer<Object, Object>> consumers = clients.getConsumers(channel);
        if (consumers.isEmpty()) {
            return Uni.createFrom().item(false);
        }
        Context context = Vertx.currentContext();
        Uni<Boolean> answer = Multi.createFrom().iterable(consumers)
                .onItem().transformToUniAndConcatenate(consumer -> consumer.runOnPollingThread(ConsumerPositions::atEnd))
                .collect().asList()
                .map(ConsumerPositions::allAtEndSomeAssigned)
                .onFailure().recoverWithItem(false);
        return context == null ? answer : answer.emitOn(command -> context.runOnContext(ignored -> command.run()));
    }

    private static boolean allAtEndSomeAssigned(List<Integer> states) {
        return states.stream().noneMatch(state -> state == BEHIND) && states.stream().anyMatch(state -> state == AT_END);
    }

    /** {@link #UNASSIGNED}, {@link #BEHIND} or {@link #AT_END}. */
    private static Integer atEnd(Consumer<Object, Object> consumer) {
        Set<TopicPartition> assigned = consumer.assignment();
        if (assigned.isEmpty()) {
            return UNASSIGNED;
        }
        Map<TopicPartition, Long> ends = consumer.endOffsets(assigned, TIMEOUT);
        for (TopicPartition partition : assigned) {
            if (consumer.position(partition, TIMEOUT) < ends.getOrDefault(partition, 0L)) {
                return BEHIND;
            }
        }
        return AT_END;
    }
}

package dev.connectplane.foundation.consumers;

import dev.connectplane.contracts.Topics;
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
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * Whether an incoming channel's effects cover everything that is on its topics now, whichever
 * instance of the service applied them. A partition consumed here counts once this instance has
 * read it to its end and is done with every record it fetched ({@link AppliedOffsets}): SmallRye
 * queues polled records before the {@code @Incoming} method sees them, so right after a restart
 * the position alone called a partition read whose events still waited, unapplied. The channel
 * must have {@link FetchedOffsets} among its {@code interceptor.classes}, or it is never caught
 * up. A partition another instance of the group holds counts once the group's
 * committed offset has reached its end (the group commits after an event's effect has
 * committed, and every instance shares the service's database). A channel that assigns itself
 * partitions (no group) must hold every partition of its topics. A broker that does not answer,
 * a rebalance under way or anything behind means "not caught up": the caller cannot tell that
 * nothing is on its way. Asked on the consumers' own polling threads, with a short timeout; the
 * answer comes back on the caller's Vert.x context, so that a Hibernate session may follow.
 */
@ApplicationScoped
public class ConsumerPositions {

    private static final Logger LOG = Logger.getLogger(ConsumerPositions.class);
    private static final Duration TIMEOUT = Duration.ofMillis(800);
    private static final String INTERCEPTORS = "interceptor.classes";

    private final KafkaClientService clients;
    private final RetryingDelivery delivery;
    private final ChannelTopics topics;
    private final BrokerOutages outages;
    private final AppliedOffsets applied;
    private final OutboxWatermarks watermarks;
    /** Per channel, whether {@link FetchedOffsets} watches its consumers: their configuration is fixed at start. */
    private final Map<String, Boolean> watched = new ConcurrentHashMap<>();

    /** What one consumer here holds, and whether it read its partitions to their end. */
    record Standing(Set<TopicPartition> assigned, boolean atEnd, boolean inGroup) {
    }

    public ConsumerPositions(KafkaClientService clients, RetryingDelivery delivery, ChannelTopics topics,
                             BrokerOutages outages, AppliedOffsets applied, OutboxWatermarks watermarks) {
        this.outages = outages;
        this.watermarks = watermarks;
        this.applied = applied;
        this.clients = clients;
        this.delivery = delivery;
        this.topics = topics;
    }

    /**
     * How a projection wait tells "late" from "missing": completes when the topic's owner has
     * published everything it committed before {@code asked}, the moment the request came in
     * ({@link OutboxWatermarks}), the channel reading {@code topic} is neither retrying a record
     * nor behind ({@link #caughtUp}, asked after the watermark was seen, so it covers what the
     * watermark vouches for), and the broker has answered all through the recovery grace
     * ({@link BrokerOutages}), so what is missing really is; otherwise fails with {@code late}. A
     * projection read after this completes sees everything committed before {@code asked}.
     */
    public Uni<Void> unlessBehind(String channel, String topic, Instant asked, Supplier<NotYetAvailable> late) {
        if (delivery.isRetrying(topic) || outages.recentlyAway() || !ownerPublishedSince(topic, asked)) {
            return Uni.createFrom().failure(late.get());
        }
        return caughtUp(channel)
                .chain(caughtUp -> caughtUp ? Uni.createFrom().voidItem() : Uni.createFrom().failure(late.get()));
    }

    private boolean ownerPublishedSince(String topic, Instant asked) {
        boolean published = Topics.ownerOf(topic).map(owner -> watermarks.publishedSince(owner, asked)).orElse(true);
        if (!published) {
            LOG.debugf("the owner of %s has not published through %s yet", topic, asked);
        }
        return published;
    }

    /** True only when every partition of the channel's topics has been applied up to its end, here or by the group. */
    public Uni<Boolean> caughtUp(String channel) {
        List<KafkaConsumer<Object, Object>> consumers = clients.getConsumers(channel);
        Set<String> channelTopics = topics.of(channel);
        if (consumers.isEmpty() || channelTopics.isEmpty()
                || !watched.computeIfAbsent(channel, ignored -> fetchesWatched(channel, consumers))) {
            return Uni.createFrom().item(false);
        }
        Context context = Vertx.currentContext();
        Uni<Boolean> answer = Multi.createFrom().iterable(consumers)
                .onItem().transformToUniAndConcatenate(this::standingOf)
                .collect().asList()
                .chain(standings -> othersCaughtUp(consumers.get(0), channelTopics, standings))
                .onFailure().invoke(outages::away)
                .onFailure().recoverWithItem(false);
        return context == null ? answer : answer.emitOn(command -> context.runOnContext(ignored -> command.run()));
    }

    /** Whether {@link FetchedOffsets} watches what the channel's consumers fetch; says so if not. */
    private static boolean fetchesWatched(String channel, List<KafkaConsumer<Object, Object>> consumers) {
        boolean watched = consumers.stream().allMatch(consumer -> names(consumer.configuration().get(INTERCEPTORS))
                .contains(FetchedOffsets.class.getName()));
        if (!watched) {
            LOG.errorf("channel %s is never caught up: set mp.messaging.incoming.%s.%s=%s", channel, channel,
                    INTERCEPTORS, FetchedOffsets.class.getName());
        }
        return watched;
    }

    private static Set<String> names(Object classes) {
        Set<String> names = new HashSet<>();
        if (classes instanceof Collection<?> many) {
            many.forEach(one -> names.add(one instanceof Class<?> type ? type.getName() : String.valueOf(one).strip()));
        } else if (classes instanceof Class<?> type) {
            names.add(type.getName());
        } else if (classes != null) {
            for (String name : String.valueOf(classes).split(",")) {
                names.add(name.strip());
            }
        }
        return names;
    }

    private Uni<Standing> standingOf(KafkaConsumer<Object, Object> consumer) {
        Function<Consumer<Object, Object>, Standing> question = polled -> standing(polled, applied);
        return consumer.runOnPollingThread(question);
    }

    /** Whether the consumers here are at their ends and the partitions they do not hold are, too. */
    private static Uni<Boolean> othersCaughtUp(KafkaConsumer<Object, Object> any, Set<String> topics,
                                               List<Standing> standings) {
        Set<TopicPartition> assigned = new HashSet<>();
        boolean inGroup = false;
        for (Standing standing : standings) {
            if (!standing.atEnd()) {
                return Uni.createFrom().item(false);
            }
            assigned.addAll(standing.assigned());
            inGroup |= standing.inGroup();
        }
        boolean group = inGroup;
        Function<Consumer<Object, Object>, Boolean> question = consumer -> elsewhereAtEnd(consumer, topics, assigned, group);
        return any.runOnPollingThread(question);
    }

    private static boolean elsewhereAtEnd(Consumer<Object, Object> consumer, Set<String> topics,
                                          Set<TopicPartition> assigned, boolean group) {
        Set<TopicPartition> elsewhere = new HashSet<>();
        for (String topic : topics) {
            consumer.partitionsFor(topic, TIMEOUT)
                    .forEach(info -> elsewhere.add(new TopicPartition(info.topic(), info.partition())));
        }
        if (elsewhere.isEmpty()) {
            return false;
        }
        elsewhere.removeAll(assigned);
        if (elsewhere.isEmpty()) {
            return true;
        }
        if (!group) {
            return false;
        }
        return committedToEnd(consumer, elsewhere);
    }

    /** The group's committed offsets have reached the partitions' ends (or the partitions hold nothing). */
    private static boolean committedToEnd(Consumer<Object, Object> consumer, Set<TopicPartition> partitions) {
        Map<TopicPartition, OffsetAndMetadata> committed = new HashMap<>(consumer.committed(partitions, TIMEOUT));
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, TIMEOUT);
        Map<TopicPartition, Long> beginnings = consumer.beginningOffsets(partitions, TIMEOUT);
        LOG.debugf("held elsewhere: committed %s, ends %s", committed, ends);
        for (TopicPartition partition : partitions) {
            long end = ends.getOrDefault(partition, 0L);
            OffsetAndMetadata offset = committed.get(partition);
            long reached = offset == null ? beginnings.getOrDefault(partition, 0L) : offset.offset();
            if (reached < end) {
                return false;
            }
        }
        return true;
    }

    /** What the consumer holds, and whether it has read each partition to its end and is done with all it fetched. */
    static Standing standing(Consumer<Object, Object> consumer, AppliedOffsets applied) {
        boolean inGroup = !consumer.subscription().isEmpty();
        Set<TopicPartition> assigned = Set.copyOf(consumer.assignment());
        if (assigned.isEmpty()) {
            return new Standing(assigned, true, inGroup);
        }
        Map<TopicPartition, Long> ends = consumer.endOffsets(assigned, TIMEOUT);
        boolean atEnd = true;
        StringBuilder seen = LOG.isDebugEnabled() ? new StringBuilder() : null;
        for (TopicPartition partition : assigned) {
            long position = consumer.position(partition, TIMEOUT);
            long end = ends.getOrDefault(partition, 0L);
            if (seen != null) {
                seen.append(' ').append(partition).append(" at ").append(position).append('/').append(end)
                        .append(' ').append(applied.describe(partition));
            }
            atEnd &= position >= end && applied.allDone(partition);
        }
        if (seen != null) {
            LOG.debugf("holds%s: %s", seen, atEnd ? "at the end" : "behind");
        }
        return new Standing(assigned, atEnd, inGroup);
    }
}

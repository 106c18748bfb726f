package dev.connectplane.foundation.consumers;

import dev.connectplane.foundation.config.FoundationConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

/**
 * The lag of each consumer group of this service, {@code connect.consumer.lag{group, topic}}: the
 * committed records of the topic (read-committed end offsets) beyond the group's committed
 * offsets, summed over the partitions; a partition the group has not committed on counts from its
 * earliest offset. Measured every {@code connect.consumer.lag-interval} with a Kafka admin
 * client of the service's own settings (its sign-in included), for every channel that
 * subscribes with a group; the per-instance channels, which commit nothing, have no group lag
 * (their health is {@code connect.introspection.cache.trusted}). While the broker cannot be asked
 * the gauges keep their last value, and {@code connect.consumer.lag.measured} says how old it is.
 */
@ApplicationScoped
public class ConsumerLag {

    private static final Logger LOG = Logger.getLogger(ConsumerLag.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    /** A gauge's value before its first measurement: shown as NaN, not as a lag of 0. */
    private static final long NOT_MEASURED = -1;
    private static final long FIRST_MEASUREMENT_MILLIS = 2_000;

    private final ChannelTopics channels;
    private final Config config;
    private final FoundationConfig foundation;
    private final MeterRegistry registry;
    private final Map<String, AtomicLong> lags = new ConcurrentHashMap<>();
    private final AtomicLong measuredAtMillis = new AtomicLong();

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    /** Each group of this service and the topics it reads, from the configuration at start. */
    private Map<String, Set<String>> groups = Map.of();
    private ScheduledExecutorService scheduler;
    private Admin admin;

    public ConsumerLag(ChannelTopics channels, Config config, FoundationConfig foundation, MeterRegistry registry) {
        this.channels = channels;
        this.config = config;
        this.foundation = foundation;
        this.registry = registry;
        Gauge.builder("connect.consumer.lag.measured", measuredAtMillis,
                        at -> at.get() == 0 ? -1 : (System.currentTimeMillis() - at.get()) / 1000.0)
                .description("seconds since the consumer groups' lag was last measured, -1 before the first time")
                .baseUnit("seconds").register(registry);
    }

    void onStart(@Observes StartupEvent event) {
        groups = configuredGroups();
        if (groups.isEmpty()) {
            return;
        }
        groups.forEach((group, topics) -> topics.forEach(topic -> gauge(group, topic)));
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "consumer-lag");
            thread.setDaemon(true);
            return thread;
        });
        long every = foundation.consumer().lagInterval().toMillis();
        // the first right after the start, so that the gauges say something from then on
        scheduler.scheduleWithFixedDelay(this::measureQuietly, Math.min(every, FIRST_MEASUREMENT_MILLIS), every,
                TimeUnit.MILLISECONDS);
    }

    void onStop(@Observes ShutdownEvent event) {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
        }
    }

    /** Each group of this service and the topics it reads. */
    Map<String, Set<String>> configuredGroups() {
        List<String> perInstance = foundation.kafka().perInstanceChannels().orElse(List.of());
        Map<String, Set<String>> groups = new HashMap<>();
        for (String channel : channels.channels()) {
            if (perInstance.contains(channel)) {
                continue;
            }
            config.getOptionalValue("mp.messaging.incoming." + channel + ".group.id", String.class)
                    .ifPresent(group -> groups.computeIfAbsent(group, name -> new TreeSet<>())
                            .addAll(channels.of(channel)));
        }
        return groups;
    }

    private void measureQuietly() {
        try {
            measure();
            measuredAtMillis.set(System.currentTimeMillis());
        } catch (Exception e) {
            LOG.debugf("consumer lag not measured this time: %s", e.toString());
        }
    }

    /** Measures every group's lag now. */
    void measure() throws Exception {
        Admin client = admin();
        for (Map.Entry<String, Set<String>> group : groups.entrySet()) {
            Map<TopicPartition, OffsetAndMetadata> committed = client.listConsumerGroupOffsets(group.getKey())
                    .partitionsToOffsetAndMetadata().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            Set<TopicPartition> partitions = partitionsOf(client, group.getValue());
            Map<TopicPartition, Long> ends = offsets(client, partitions, OffsetSpec.latest());
            Map<TopicPartition, Long> earliest = offsets(client, partitions, OffsetSpec.earliest());
            for (String topic : group.getValue()) {
                long lag = partitions.stream()
                        .filter(partition -> partition.topic().equals(topic))
                        .mapToLong(partition -> lagOf(partition, committed, ends, earliest))
                        .sum();
                gauge(group.getKey(), topic).set(lag);
            }
        }
    }

    private static long lagOf(TopicPartition partition, Map<TopicPartition, OffsetAndMetadata> committed,
                              Map<TopicPartition, Long> ends, Map<TopicPartition, Long> earliest) {
        long end = ends.getOrDefault(partition, 0L);
        OffsetAndMetadata position = committed.get(partition);
        long from = position != null ? Math.max(position.offset(), earliest.getOrDefault(partition, 0L))
                : earliest.getOrDefault(partition, 0L);
        return Math.max(0, end - from);
    }

    private static Set<TopicPartition> partitionsOf(Admin client, Set<String> topics) throws Exception {
        Map<String, TopicDescription> described = client.describeTopics(topics).allTopicNames()
                .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        return described.values().stream()
                .flatMap(topic -> topic.partitions().stream().map(p -> new TopicPartition(topic.name(), p.partition())))
                .collect(Collectors.toSet());
    }

    private static Map<TopicPartition, Long> offsets(Admin client, Set<TopicPartition> partitions, OffsetSpec spec)
            throws Exception {
        Map<TopicPartition, OffsetSpec> asked = partitions.stream()
                .collect(Collectors.toMap(partition -> partition, partition -> spec));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> answered = client
                .listOffsets(asked, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
                .all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        Map<TopicPartition, Long> offsets = new HashMap<>();
        answered.forEach((partition, info) -> offsets.put(partition, info.offset()));
        return offsets;
    }

    private AtomicLong gauge(String group, String topic) {
        return lags.computeIfAbsent(group + "\u0000" + topic, key -> {
            AtomicLong lag = new AtomicLong(NOT_MEASURED);
            Gauge.builder("connect.consumer.lag", lag, measured -> measured.get() == NOT_MEASURED ? Double.NaN : measured.get())
                    .description("records of the topic beyond the consumer group's committed offsets")
                    .tags("group", group, "topic", topic)
                    .baseUnit("records")
                    .register(registry);
            return lag;
        });
    }

    private synchronized Admin admin() {
        if (admin == null) {
            Map<String, Object> properties = new HashMap<>();
            kafkaConfig.forEach((key, value) -> {
                if (AdminClientConfig.configNames().contains(key) || key.startsWith("ssl.") || key.startsWith("sasl.")) {
                    properties.put(key, value);
                }
            });
            properties.put(AdminClientConfig.CLIENT_ID_CONFIG, foundation.serviceName() + "-consumer-lag");
            properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
            properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
            admin = Admin.create(properties);
        }
        return admin;
    }
}

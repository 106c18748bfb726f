package dev.connectplane.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * Waits until a shared stack has finished the work a benchmark left behind: every service's
 * outbox published and every consumer group caught up. On one stack a benchmark's backlog (a
 * saturated create phase leaves thousands of events for three other services to consume) would
 * otherwise be measured by the next one.
 *
 * <p>A group counts as caught up on a partition when at most one offset separates its committed
 * offset from the partition's end: the relay commits each round in a Kafka transaction, whose
 * commit marker takes an offset after the last record and is never committed past by the
 * consumer. The services commit offsets every few seconds, so waiting takes that long at least.
 * A group without members (a service this stack stopped) is not waited for.
 */
final class StackQuiet {

    private static final List<String> SCHEMAS = List.of("server_service", "access_service", "token_service", "audit_service");
    /** The services whose consumer group bears their name. */
    private static final Set<String> SERVICE_GROUPS = Set.of("server-service", "access-service", "token-service", "audit-service");

    private StackQuiet() {
    }

    /** Returns how long it took; throws when the stack is still busy after {@code patience}. */
    static Duration await(BenchStack stack, Duration patience) throws Exception {
        long start = System.nanoTime();
        long deadline = start + patience.toNanos();
        String busy = "";
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                stack.endpoints().kafkaBootstrapServers()))) {
            while (System.nanoTime() < deadline) {
                busy = unpublished(stack) + lagging(admin, stack.runningServices());
                if (busy.isEmpty()) {
                    Duration took = Duration.ofNanos(System.nanoTime() - start);
                    System.out.printf("(stack quiet after %.1f s)%n", took.toMillis() / 1000.0);
                    return took;
                }
                Thread.sleep(500);
            }
        }
        throw new IllegalStateException("the stack is still busy after " + patience + ": " + busy);
    }

    private static String unpublished(BenchStack stack) throws SQLException {
        StringBuilder busy = new StringBuilder();
        try (Connection connection = DriverManager.getConnection(stack.jdbcUrl(), stack.dbUser(), stack.dbPassword());
             Statement statement = connection.createStatement()) {
            for (String schema : SCHEMAS) {
                try (ResultSet exists = statement.executeQuery("select to_regclass('" + schema + ".outbox_event') is not null")) {
                    exists.next();
                    if (!exists.getBoolean(1)) {
                        continue;
                    }
                }
                try (ResultSet rows = statement.executeQuery("select count(*) from " + schema
                        + ".outbox_event where published_at is null and parked_at is null")) {
                    rows.next();
                    if (rows.getLong(1) > 0) {
                        busy.append(schema).append(" outbox ").append(rows.getLong(1)).append("; ");
                    }
                }
            }
        }
        return busy.toString();
    }

    /**
     * Each running service's own consumer group (named as the service) must have members, and
     * every group with members must have consumed each partition its members hold, or any it
     * committed, to the end. A group that has committed nothing yet counts from each partition's
     * beginning: the commands benchmark once found token-service "quiet" at start, before its
     * first commit, and its warm-up then waited 47 s for the catch-up.
     */
    private static String lagging(Admin admin, Set<String> running) throws Exception {
        StringBuilder busy = new StringBuilder();
        List<String> groups = admin.listConsumerGroups().all().get(10, TimeUnit.SECONDS).stream()
                .map(ConsumerGroupListing::groupId).toList();
        Map<String, ConsumerGroupDescription> described = admin.describeConsumerGroups(groups).all().get(10, TimeUnit.SECONDS);
        for (String service : running) {
            ConsumerGroupDescription own = described.get(service);
            if (SERVICE_GROUPS.contains(service) && (own == null || own.members().isEmpty())) {
                busy.append(service).append(" has not joined its consumer group yet; ");
            }
        }
        for (ConsumerGroupDescription group : described.values()) {
            if (group.members().isEmpty()) {
                continue; // a stopped service's group: nobody is consuming for it now
            }
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group.groupId())
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            Set<TopicPartition> partitions = new HashSet<>(committed.keySet());
            group.members().forEach(member -> partitions.addAll(member.assignment().topicPartitions()));
            if (partitions.isEmpty()) {
                continue;
            }
            Map<TopicPartition, Long> ends = offsets(admin, partitions, OffsetSpec.latest());
            Map<TopicPartition, Long> beginnings = offsets(admin, partitions, OffsetSpec.earliest());
            Map<String, Long> lagByTopic = new HashMap<>();
            for (TopicPartition partition : partitions) {
                OffsetAndMetadata offset = committed.get(partition);
                long reached = offset == null ? beginnings.get(partition) : offset.offset();
                long lag = ends.get(partition) - reached;
                if (lag > 1) {
                    lagByTopic.merge(partition.topic(), lag, Long::sum);
                }
            }
            lagByTopic.forEach((topic, lag) -> busy.append(group.groupId()).append(" behind on ").append(topic)
                    .append(" by ").append(lag).append("; "));
        }
        return busy.toString();
    }

    private static Map<TopicPartition, Long> offsets(Admin admin, Set<TopicPartition> partitions, OffsetSpec spec)
            throws Exception {
        Map<TopicPartition, OffsetSpec> asked = partitions.stream()
                .collect(Collectors.toMap(partition -> partition, partition -> spec));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> found = admin.listOffsets(asked,
                new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get(10, TimeUnit.SECONDS);
        Map<TopicPartition, Long> offsets = new HashMap<>();
        found.forEach((partition, info) -> offsets.put(partition, info.offset()));
        return offsets;
    }
}

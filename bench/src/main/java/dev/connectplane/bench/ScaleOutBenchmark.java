package dev.connectplane.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.connectplane.bench.faults.DrillHttp;
import dev.connectplane.contracts.Topics;
import dev.connectplane.contracts.envelope.EventCodec;
import dev.connectplane.infra.LocalInfra;
import dev.connectplane.infra.ServiceProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Two instances of server-service and of token-service on one database and broker.
 *
 * <p><b>Relay handover.</b> Server creates go at {@code rate}/s to both server-service instances
 * in turn; the instance whose relay publishes is killed with SIGKILL, and the handover is the
 * time from the kill to the broker's append time of the next event on {@code connect.servers.events}
 * (the other instance's relay took over). The killed one is started again, becomes the standby,
 * and the next kill takes whichever leads. The ceiling beside it: the longest gap between two
 * appends on the topic in the seconds before the first kill, at the same rate. After the kills,
 * every acknowledged create must have its event on the topic (lost) exactly once by event ID
 * (duplicates are redeliveries, which consumers skip).
 *
 * <p><b>Cross-instance revocation.</b> Tokens are created on token-service A and introspected on
 * B (so B holds them in memory); each is deleted on A, and the delay is from A's 204 to B
 * answering inactive. The ceiling: the same on A alone (revoke on A, introspect on A).
 *
 * <p>Arguments: {@code [kills] [rate] [tokens]}, defaults 5, 50, 200.
 */
public final class ScaleOutBenchmark {

    private static final String VAULT = "Kubernetes";

    private ScaleOutBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int kills = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        int tokens = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        Path root = Path.of(System.getProperty("connect.root", ".")).toAbsolutePath().normalize();
        System.out.printf("scale-out benchmark: %d relay kills at %d creates/s, %d cross-instance revocations, %d cores%n",
                kills, rate, tokens, Runtime.getRuntime().availableProcessors());
        try (BenchStack stack = BenchStack.start(root, "scale-out-run", Topics.all())) {
            stack.startService(root, "access-service");
            List<ServiceProcess> servers = List.of(stack.startInstance(root, "server-service", "server-service", LocalInfra.freePort()),
                    stack.startInstance(root, "server-service", "server-service-2", LocalInfra.freePort()));
            ServiceProcess tokenA = stack.startInstance(root, "token-service", "token-service", LocalInfra.freePort());
            ServiceProcess tokenB = stack.startInstance(root, "token-service", "token-service-2", LocalInfra.freePort());
            DrillHttp http = new DrillHttp(stack.bearer("bench-admin", "Owners"));
            awaitDirectory(http, servers);
            handover(stack, root, http, new ArrayList<>(servers), kills, rate);
            revocations(http, servers.get(0), tokenA, tokenB, tokens);
            System.out.printf("memory after the run: %s%n", stack.memory());
        }
    }

    // ---- relay handover ----------------------------------------------------------------------

    private static void handover(BenchStack stack, Path root, DrillHttp http, List<ServiceProcess> servers, int kills,
                                 int rate) throws Exception {
        try (Appends topic = Appends.follow(stack.kafkaBootstrapServers(), Topics.SERVER_EVENTS)) {
            Set<String> acknowledged = ConcurrentHashMap.newKeySet();
            AtomicBoolean running = new AtomicBoolean(true);
            Thread load = new Thread(() -> createServers(http, servers, rate, running, acknowledged), "bench-creates");
            load.start();
            Thread.sleep(10_000);
            long ceiling = topic.longestGapSince(System.currentTimeMillis() - 8_000);
            List<Long> handovers = new ArrayList<>();
            for (int k = 0; k < kills; k++) {
                int slot = leaderSlot(servers);
                ServiceProcess leader = servers.get(slot);
                long killedAt = System.currentTimeMillis();
                leader.kill();
                long next = topic.awaitAppendAfter(killedAt, Duration.ofSeconds(60));
                handovers.add(next - killedAt);
                System.out.printf("kill %d: %s (pid %d) killed, next event on the topic after %d ms%n", k + 1,
                        slot == 0 ? "server-service" : "server-service-2", leader.pid(), next - killedAt);
                servers.set(slot, stack.startInstance(root, "server-service", slot == 0 ? "server-service" : "server-service-2",
                        leader.port()));
                Thread.sleep(3_000);
            }
            running.set(false);
            load.join();
            long[] figures = handovers.stream().mapToLong(millis -> millis * 1000).toArray();
            System.out.printf("relay handover (kill -9 -> next event), ms: %s%n", new Percentiles(figures).summary());
            System.out.printf("ceiling: longest gap between two events at %d creates/s with no kill: %d ms%n", rate, ceiling);
            Thread.sleep(5_000);
            int lost = 0;
            for (String id : acknowledged) {
                if (!topic.keys.contains(id)) {
                    lost++;
                }
            }
            System.out.printf("creates acknowledged: %d, events lost: %d, redelivered event IDs: %d%n",
                    acknowledged.size(), lost, topic.redelivered());
        }
    }

    private static void createServers(DrillHttp http, List<ServiceProcess> servers, int rate, AtomicBoolean running,
                                      Set<String> acknowledged) {
        long pauseNanos = 1_000_000_000L / rate;
        long next = System.nanoTime();
        int i = 0;
        while (running.get()) {
            ServiceProcess target = servers.get(i++ % servers.size());
            try {
                DrillHttp.Answer answer = http.send("POST", target.baseUrl() + "/v1/servers",
                        "{\"name\":\"handover " + UUID.randomUUID().toString().substring(0, 12) + "\",\"vaults\":[\"" + VAULT + "\"]}");
                if (answer.is(201)) {
                    acknowledged.add(EventCodec.readTree(answer.body()).path("server").path("id").asText());
                }
                next += pauseNanos;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static int leaderSlot(List<ServiceProcess> servers) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            for (int slot = 0; slot < servers.size(); slot++) {
                if (servers.get(slot).isRelayLeader()) {
                    return slot;
                }
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("no server-service instance says it is the relay leader");
    }

    // ---- cross-instance revocation -----------------------------------------------------------

    private static void revocations(DrillHttp http, ServiceProcess server, ServiceProcess a, ServiceProcess b, int tokens)
            throws Exception {
        String serverId = EventCodec.readTree(http.untilAnswered("POST", server.baseUrl() + "/v1/servers",
                "{\"name\":\"revocations " + UUID.randomUUID().toString().substring(0, 8) + "\",\"vaults\":[\"" + VAULT + "\"]}",
                Duration.ofSeconds(30)).body()).path("server").path("id").asText();
        long[] across = new long[tokens];
        long[] alone = new long[tokens];
        for (int i = 0; i < tokens; i++) {
            across[i] = revoke(http, serverId, a, b);
            alone[i] = revoke(http, serverId, a, a);
        }
        System.out.printf("revocation, delete on A -> inactive on B, ms: %s%n", new Percentiles(across).summary());
        System.out.printf("ceiling, delete on A -> inactive on A, ms:    %s%n", new Percentiles(alone).summary());
    }

    /** Creates a token on {@code writer}, sees it active on {@code reader}, deletes it on the writer; µs until the reader says inactive. */
    private static long revoke(DrillHttp http, String serverId, ServiceProcess writer, ServiceProcess reader) throws Exception {
        DrillHttp.Answer created = http.untilAnswered("POST", writer.baseUrl() + "/v1/tokens",
                "{\"name\":\"r\",\"server\":\"" + serverId + "\",\"vaults\":[\"" + VAULT + "\"]}", Duration.ofSeconds(30));
        JsonNode token = EventCodec.readTree(created.body());
        String jwt = token.path("token").asText();
        if (!active(http, reader, jwt)) {
            throw new IllegalStateException("a new token is not active on " + reader.baseUrl() + ": " + created);
        }
        DrillHttp.Answer deleted = http.send("DELETE", writer.baseUrl() + "/v1/servers/" + serverId + "/tokens/"
                + token.path("id").asText(), null);
        long acknowledged = System.nanoTime();
        if (!deleted.is(204)) {
            throw new IllegalStateException("token delete answered " + deleted);
        }
        long deadline = acknowledged + Duration.ofSeconds(30).toNanos();
        while (active(http, reader, jwt)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("a deleted token still active on " + reader.baseUrl() + " after 30 s");
            }
        }
        return (System.nanoTime() - acknowledged) / 1_000;
    }

    private static boolean active(DrillHttp http, ServiceProcess reader, String jwt) throws InterruptedException {
        DrillHttp.Answer answer = http.send("POST", reader.baseUrl() + "/v1/tokens/introspect", "{\"token\":\"" + jwt + "\"}");
        return answer.is(200) && EventCodec.readTree(answer.body()).path("active").asBoolean();
    }

    /** Waits until both server-service instances know the seeded vaults (they are created once the directory is projected). */
    private static void awaitDirectory(DrillHttp http, List<ServiceProcess> servers) throws InterruptedException {
        for (ServiceProcess server : servers) {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!http.send("GET", server.baseUrl() + "/v1/vault-directory", null).body().contains(VAULT)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(server.baseUrl() + " never learned the seeded vaults");
                }
                Thread.sleep(200);
            }
        }
    }

    /** The broker's append times of every record on one topic from now on, its keys, and redelivered event IDs. */
    private static final class Appends implements AutoCloseable {

        private final NavigableSet<Long> appendMillis = new ConcurrentSkipListSet<>();
        private final Set<String> keys = ConcurrentHashMap.newKeySet();
        private final Map<String, Integer> eventIds = new ConcurrentHashMap<>();
        private TopicFollower follower;

        static Appends follow(String bootstrap, String topic) throws InterruptedException {
            Appends appends = new Appends();
            appends.follower = TopicFollower.follow(bootstrap, List.of(topic), appends::add);
            return appends;
        }

        private void add(ConsumerRecord<String, String> record) {
            appendMillis.add(record.timestamp());
            keys.add(record.key());
            eventIds.merge(EventCodec.decode(record.value()).id(), 1, Integer::sum);
        }

        long awaitAppendAfter(long millis, Duration within) throws InterruptedException {
            long deadline = System.nanoTime() + within.toNanos();
            while (System.nanoTime() < deadline) {
                Long next = appendMillis.higher(millis);
                if (next != null) {
                    return next;
                }
                Thread.sleep(5);
            }
            throw new IllegalStateException("no event on the topic within " + within + " of the kill");
        }

        long longestGapSince(long millis) {
            long longest = 0;
            Long previous = null;
            for (long append : appendMillis.tailSet(millis, true)) {
                if (previous != null) {
                    longest = Math.max(longest, append - previous);
                }
                previous = append;
            }
            return longest;
        }

        long redelivered() {
            return eventIds.values().stream().filter(count -> count > 1).count();
        }

        @Override
        public void close() throws InterruptedException {
            follower.close();
        }
    }
}

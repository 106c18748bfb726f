package dev.connectplane.audit;

import static dev.connectplane.audit.AuditTestSupport.awaitChained;
import static dev.connectplane.audit.AuditTestSupport.count;
import static dev.connectplane.audit.AuditTestSupport.id;
import static dev.connectplane.audit.AuditTestSupport.publish;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.connectplane.contracts.access.VaultGranted;
import dev.connectplane.contracts.access.VaultRevocationReason;
import dev.connectplane.contracts.access.VaultRevoked;
import dev.connectplane.contracts.commands.CommandRejected;
import dev.connectplane.contracts.common.Permission;
import dev.connectplane.contracts.common.VaultScope;
import dev.connectplane.contracts.envelope.Actor;
import dev.connectplane.contracts.server.ServerRenamed;
import dev.connectplane.contracts.token.TokenIssued;
import dev.connectplane.contracts.token.TokenRevocationReason;
import dev.connectplane.contracts.token.TokenRevoked;
import dev.connectplane.foundation.outbox.OutboxWriter;
import dev.connectplane.infra.OpenSearchServer;
import dev.connectplane.testing.ConnectInfraResource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Delivery into a real OpenSearch node (2.19, started by the test from Maven artifacts): a burst
 * of records, the node killed in the middle of it and started again, and afterwards every record
 * of the chain in the index exactly once.
 */
@QuarkusTest
@QuarkusTestResource(ConnectInfraResource.class)
@QuarkusTestResource(value = OpenSearchResource.class, restrictToAnnotatedClass = true)
class OpenSearchDeliveryTest {

    static final String INDEX = "connect-audit-ocsf";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BURST = 800;

    @Inject
    Pool pool;

    @Inject
    MeterRegistry registry;

    @Test
    void everyRecordIsInTheIndexOnceAfterOpenSearchDiesInTheMiddleOfABurst() throws Exception {
        OpenSearchServer node = OpenSearchResource.node();
        SearchClient search = new SearchClient(node.url(), INDEX);
        System.out.printf("OpenSearch node: started in %d ms, RSS %s%n", node.startedIn().toMillis(), rss(node.pid()));
        String serverId = id();
        List<String> ids = new ArrayList<>();
        long burstStarted = System.nanoTime();
        CompletableFuture<Void> burst = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < BURST; i++) {
                String eventId = publish(new ServerRenamed(serverId, "name-" + i, "name-" + (i + 1)),
                        Actor.user("burst-" + (i % 7), List.of("DevOps"))).id();
                synchronized (ids) {
                    ids.add(eventId);
                }
            }
        });
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> ofServer(search, serverId) >= 100);
        node.kill();
        long killed = System.nanoTime();
        long deliveredBeforeTheOutage = count(pool, "select delivered_seq from audit_service.siem_delivery");
        burst.get(60, TimeUnit.SECONDS);
        long published = System.nanoTime();
        awaitChained(pool, snapshot(ids));
        long head = count(pool, "select coalesce(max(seq), 0) from audit_service.audit_chain");
        assertThat(count(pool, "select delivered_seq from audit_service.siem_delivery"))
                .as("nothing is marked delivered while the store is down").isLessThan(head);

        node.start();
        long restarted = System.nanoTime();
        Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                .until(() -> count(pool, "select delivered_seq from audit_service.siem_delivery") >= head);
        long caughtUp = System.nanoTime();

        assertThat(ofServer(search, serverId)).as("every record of the burst, once").isEqualTo(BURST);
        JsonNode duplicates = search.search("{\"size\":0,\"aggs\":{\"ids\":{\"terms\":{\"field\":\"metadata.uid\","
                + "\"min_doc_count\":2,\"size\":10}}}}");
        assertThat(duplicates.path("aggregations").path("ids").path("buckets")).as("no event twice").isEmpty();
        assertThat(search.count("{\"query\":{\"range\":{\"metadata.sequence\":{\"lte\":" + head + "}}}}"))
                .as("every chained record up to the head, from this and earlier tests").isEqualTo(head);
        assertThat(search.count("{\"query\":{\"terms\":{\"metadata.uid\":" + json(snapshot(ids)) + "}}}")).isEqualTo(BURST);

        String delays = pacedDelays(search);
        long afterRestart = head - deliveredBeforeTheOutage;
        double catchUpSeconds = (caughtUp - restarted) / 1e9;
        Timer lag = registry.find("connect.audit.delivery.lag").timer();
        System.out.printf("burst of %d published in %.1f s; node killed %.1f s in, with %d records delivered; "
                        + "restarted after %.1f s down (start %d ms); %d records delivered in %.1f s after the restart "
                        + "(%.0f records/s); lag ingest -> acknowledged over all %d records: %s; %s%n",
                BURST, (published - burstStarted) / 1e9, (killed - burstStarted) / 1e9, deliveredBeforeTheOutage,
                (restarted - killed) / 1e9, node.startedIn().toMillis(), afterRestart, catchUpSeconds,
                afterRestart / catchUpSeconds, lag.count(), percentiles(lag), delays);
    }

    /**
     * 300 records at about 100 a second once the node is up: for each, from its arrival in
     * audit-service ({@code metadata.logged_time}) to the node taking it ({@code unmapped.connect.indexed_at},
     * stamped by the ingest pipeline); searchable after the next refresh (1 s) at most.
     */
    private String pacedDelays(SearchClient search) {
        String serverId = id();
        List<String> paced = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            paced.add(publish(new ServerRenamed(serverId, "paced-" + i, "paced-" + (i + 1))).id());
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> ofServer(search, serverId) == paced.size());
        JsonNode hits = search.search("{\"size\":300,\"_source\":[\"metadata.logged_time\",\"unmapped.connect.indexed_at\"],"
                + "\"query\":{\"term\":{\"unmapped.connect.server.id\":\"" + serverId + "\"}}}").path("hits").path("hits");
        List<Long> delays = new ArrayList<>();
        for (JsonNode hit : hits) {
            long logged = hit.path("_source").path("metadata").path("logged_time").asLong();
            long indexed = OffsetDateTime.parse(hit.path("_source").path("unmapped").path("connect").path("indexed_at").asText())
                    .toInstant().toEpochMilli();
            delays.add(indexed - logged);
        }
        Collections.sort(delays);
        assertThat(delays).hasSize(300);
        return String.format("paced 300 at ~100/s, arrival -> taken by the node: p50 %d ms, p99 %d ms, max %d ms",
                delays.get(149), delays.get(296), delays.get(299));
    }

    @Test
    void theQueriesBehindEachDashboardPanelCountWhatHappened() throws Exception {
        SearchClient search = new SearchClient(OpenSearchResource.node().url(), INDEX);
        String serverId = id();
        String vaultId = id();
        String alice = "dash-alice-" + id();
        String bob = "dash-bob-" + id();
        Actor aliceActor = Actor.user(alice, List.of("DevOps"));
        Actor bobActor = Actor.user(bob, List.of("Platform"));
        List<String> ids = new ArrayList<>();
        List<String> tokens = List.of(id(), id(), id());
        for (String token : tokens) {
            ids.add(publish(new TokenIssued(token, serverId, "deploy", List.of(new VaultScope(vaultId, "Kube", List.of(Permission.READ))),
                    OutboxWriter.now(), null, "kid"), aliceActor).id());
        }
        for (String token : tokens.subList(0, 2)) {
            ids.add(publish(new TokenRevoked(token, serverId, TokenRevocationReason.DELETED, OutboxWriter.now()), aliceActor).id());
        }
        ids.add(publish(new VaultGranted(serverId, vaultId, "Kube"), aliceActor).id());
        ids.add(publish(new VaultRevoked(serverId, vaultId, "Kube", VaultRevocationReason.REVOKED), aliceActor).id());
        ids.add(publish(new ServerRenamed(serverId, "a", "b"), bobActor).id());
        ids.add(publish(new ServerRenamed(serverId, "b", "c"), bobActor).id());
        for (int i = 0; i < 2; i++) {
            ids.add(publish(new CommandRejected(id(), "server.delete", JSON.createObjectNode().put("type", "/problems/not-found")
                    .put("title", "Not found").put("status", 404).put("detail", "no server named 'gone'")), bobActor).id());
        }
        String onlyThese = "{\"terms\":{\"actor.user.name\":[\"" + alice + "\",\"" + bob + "\"]}}";
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> search.count("{\"query\":" + onlyThese + "}") == ids.size());

        Dashboards dashboards = Dashboards.load();
        assertThat(dashboards.panelTitles()).containsExactlyInAnyOrder("Changes over time by action", "Revocations",
                "Failures and rejected commands", "Top actors", "Per-server timeline");
        assertThat(dashboards.countsOf("Changes over time by action", search, onlyThese)).isEqualTo(Map.of(
                "token.create", 3L, "token.revoke", 2L, "vault.grant", 1L, "vault.revoke", 1L, "server.rename", 2L,
                "command.reject", 2L));
        assertThat(dashboards.countsOf("Revocations", search, onlyThese)).isEqualTo(Map.of("token.revoke", 2L, "vault.revoke", 1L));
        assertThat(dashboards.countsOf("Failures and rejected commands", search, onlyThese))
                .isEqualTo(Map.of("command.reject / no server named 'gone'", 2L));
        assertThat(dashboards.countsOf("Top actors", search, onlyThese)).isEqualTo(Map.of(alice, 7L, bob, 4L));
        List<JsonNode> timeline = dashboards.searchOf("Per-server timeline", search,
                "{\"term\":{\"unmapped.connect.server.id\":\"" + serverId + "\"}}");
        assertThat(timeline).hasSize(9);
        assertThat(timeline).extracting(hit -> hit.path("_source").path("time").asLong()).isSortedAccordingTo(Comparator.reverseOrder());
        assertThat(timeline.get(0).path("_source").path("unmapped").path("connect").path("action").asText()).isEqualTo("server.rename");
    }

    static long ofServer(SearchClient search, String serverId) {
        return search.count("{\"query\":{\"term\":{\"unmapped.connect.server.id\":\"" + serverId + "\"}}}");
    }

    private static String[] snapshot(List<String> ids) {
        synchronized (ids) {
            return ids.toArray(String[]::new);
        }
    }

    private static String json(String[] values) {
        StringBuilder array = new StringBuilder("[");
        for (String value : values) {
            array.append(array.length() > 1 ? "," : "").append('"').append(value).append('"');
        }
        return array.append(']').toString();
    }

    private static String percentiles(Timer timer) {
        StringBuilder text = new StringBuilder();
        for (ValueAtPercentile value : timer.takeSnapshot().percentileValues()) {
            text.append(String.format("p%.0f %.0f ms ", value.percentile() * 100, value.value(TimeUnit.MILLISECONDS)));
        }
        return text.toString().strip();
    }

    private static String rss(long pid) {
        try {
            return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                    .filter(line -> line.startsWith("VmRSS:")).findFirst().map(line -> line.substring(6).strip()).orElse("?");
        } catch (IOException e) {
            return "?";
        }
    }
}

package dev.connectplane.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.connectplane.bench.faults.FaultDrill;
import dev.connectplane.bench.faults.Findings;
import dev.connectplane.contracts.Topics;
import dev.connectplane.infra.PostgresServer;
import dev.connectplane.testing.SharedInfra;
import dev.connectplane.testing.TestIdentities;
import dev.connectplane.testing.TopicProbe;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Faults against the real stack as processes. First the scenario that once brought revoked
 * tokens back: PostgreSQL killed with SIGKILL while token-service consumes a server's deletion,
 * then token-service killed and restarted; the deleted server's tokens must be inactive and
 * listed as revoked ({@code server_deleted}), nothing dead-lettered, a revocation audited per
 * token, and no answer a 5xx other than 503. Then a short drill per piece ({@link FaultDrill}).
 */
class FaultDrillIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration RECOVERY = Duration.ofSeconds(120);
    private static final int TOKENS = 20;
    /** What ProjectionWait logs (at DEBUG, on in SystemStack) when it answers "missing" rather than "late". */
    private static final String REFUSED_AS_MISSING = "is missing, not late";
    /** What ProjectionWait logs when what a create was refused for arrived meanwhile, and it creates again. */
    private static final String MADE_AGAIN = "arrived after the refused";

    private static SystemStack stack;
    private final StackHttp manager = new StackHttp(TestIdentities.bearer("drill-admin", TestIdentities.MANAGERS_GROUP));

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(SharedInfra.managedKafka().isPresent() && SharedInfra.managedPostgres().isPresent(),
                "the drills kill and restart the broker and the postmaster as processes this run started; on "
                        + SharedInfra.selection().describe() + " there are none (CONNECT_TEST_INFRA=processes runs them)");
        stack = SystemStack.shared();
    }

    @Test
    void aServerDeletionConsumedWhilePostgresIsDownHoldsAfterTokenServiceRestarts() throws Exception {
        String serverId = createServer("Drill " + UUID.randomUUID().toString().substring(0, 8));
        List<String[]> tokens = new ArrayList<>();
        for (int i = 0; i < TOKENS; i++) {
            tokens.add(createToken(serverId, "drill token " + i));
        }
        assertThat(introspect(tokens.get(0)[1]).path("active").asBoolean()).isTrue();

        long tokenService = stack.process("token-service").pid();
        signal("STOP", tokenService);
        PostgresServer postgres = SystemStack.postgres();
        try (TopicProbe serverEvents = TopicProbe.onTopic(Topics.SERVER_EVENTS)) {
            assertThat(manager.delete(stack.url("server-service") + "/v1/servers/" + serverId).status()).isEqualTo(204);
            serverEvents.awaitRecords(r -> serverId.equals(r.key()) && r.value().contains("server.deleted"), 1,
                    Duration.ofSeconds(30));
            signal("KILL", postgres.postmasterPid());
        } finally {
            signal("CONT", tokenService);
        }

        // token-service meets the outage while it applies the deletion: it waits, it does not set it aside
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                manager.get(stack.url("token-service") + "/q/health/ready").status() == 503);
        StackHttp.Answer duringOutage = manager.get(stack.url("token-service") + "/v1/servers/" + serverId + "/tokens");
        assertThat(duringOutage.status()).as(duringOutage.body()).isEqualTo(503);
        assertThat(duringOutage.retryAfter()).isNotBlank();
        assertThat(duringOutage.body()).contains("\"status\":503");

        postgres.stop();
        postgres.start();
        stack.killAndRestart("token-service");

        JsonNode listed = JSON.readTree(awaitOk(stack.url("token-service") + "/v1/servers/" + serverId + "/tokens"));
        assertThat(listed).hasSize(TOKENS);
        assertThat(listed.findValuesAsText("state")).containsOnly("revoked");
        assertThat(listed.findValuesAsText("revoke_reason")).containsOnly("server_deleted");
        for (String[] token : tokens) {
            assertThat(introspect(token[1]).path("active").asBoolean()).as("token " + token[0]).isFalse();
        }
        Awaitility.await().atMost(RECOVERY).pollInterval(Duration.ofMillis(500)).until(() ->
                revocationsAudited(serverId) == TOKENS);
        String sentinel = "sentinel-" + UUID.randomUUID();
        TopicProbe.send(Topics.deadLetter("token-service"), sentinel, "{}", Map.of());
        try (TopicProbe deadLetters = TopicProbe.onTopic(Topics.deadLetter("token-service"))) {
            deadLetters.awaitRecords(r -> sentinel.equals(r.key()), 1, Duration.ofSeconds(30));
            assertThat(deadLetters.recordsAfter(r -> serverId.equals(r.key()), Duration.ZERO)).isEmpty();
        }
        for (String service : SystemStack.SERVICES) {
            Awaitility.await().atMost(RECOVERY).until(() -> manager.get(stack.url(service) + "/q/health/ready").status() == 200);
        }
        assertThat(manager.serverErrorsOtherThanUnavailable()).as(manager.toString()).isZero();
    }

    /**
     * A short drill per piece, under a mixed load: each service, the broker and PostgreSQL killed
     * with SIGKILL and restarted, and token-service's connection terminated in the middle of a
     * server deletion's cascade. Nothing acknowledged is lost, duplicated or out of order, the
     * audit chain verifies, no answer is a 5xx but 503, and after a restart of every service no
     * revoked token is active again. bench/faults.sh runs the same drills longer.
     */
    @Test
    void everyPieceKilledUnderLoadLosesNothingAcknowledged() throws Exception {
        FaultDrill drill = new FaultDrill(stack, new FaultDrill.Settings(2, 2, Duration.ofSeconds(2), Duration.ofSeconds(2),
                RECOVERY, 300));
        List<FaultDrill.Result> results = new ArrayList<>();
        for (FaultDrill.Fault fault : FaultDrill.Fault.values()) {
            FaultDrill.Result result = drill.run(fault);
            System.out.printf("fault drill %s: acknowledged %d, %s, working again in %.1f s, consistent in %.1f s, %d 5xx%n",
                    fault, result.acknowledged(), result.findings(), result.recoverySeconds(), result.convergedSeconds(),
                    result.serverErrors());
            results.add(result);
        }
        List<Findings> afterRestart = drill.afterRestartingEveryService(results);
        if (results.stream().anyMatch(result -> result.ledger().refusedOperations() > 0)) {
            System.out.println("what the services knew when they refused (consumer standings at DEBUG):");
            stack.logLines(List.of(REFUSED_AS_MISSING, MADE_AGAIN), 12).forEach(System.out::println);
        }

        for (int i = 0; i < results.size(); i++) {
            FaultDrill.Result result = results.get(i);
            assertThat(result.acknowledged()).as(result.fault() + " acknowledged operations").isPositive();
            assertThat(result.findings().clean()).as(result.fault() + ": " + result.findings()).isTrue();
            assertThat(afterRestart.get(i).clean()).as(result.fault() + " after every service restarted: "
                    + afterRestart.get(i)).isTrue();
            assertThat(result.serverErrors()).as(result.fault() + " 5xx other than 503").isZero();
            assertThat(result.ledger().refusedOperations()).as(result.fault() + " refused: "
                    + result.ledger().refusalSamples()).isZero();
        }
        assertThat(drill.http().serverErrors()).as(drill.http().statuses().toString()).isZero();
    }

    private String createServer(String name) throws Exception {
        String body = awaitStatus("POST", stack.url("server-service") + "/v1/servers",
                "{\"name\":\"" + name + "\",\"vaults\":[\"Kubernetes\"]}", 201);
        return JSON.readTree(body).path("server").path("id").asText();
    }

    /** {id, token}: retried while the service answers 503, as a client told "try again" does. */
    private String[] createToken(String serverId, String name) throws Exception {
        JsonNode created = JSON.readTree(awaitStatus("POST", stack.url("token-service") + "/v1/tokens",
                "{\"name\":\"" + name + "\",\"server\":\"" + serverId + "\",\"vaults\":[\"Kubernetes\"]}", 201));
        return new String[] {created.path("id").asText(), created.path("token").asText()};
    }

    private JsonNode introspect(String token) throws Exception {
        return JSON.readTree(awaitStatus("POST", stack.url("token-service") + "/v1/tokens/introspect",
                "{\"token\":\"" + token + "\"}", 200));
    }

    private long revocationsAudited(String serverId) throws Exception {
        StackHttp.Answer answer = manager.get(stack.url("audit-service") + "/v1/audit/records?limit=1000&action=token.revoke"
                + "&server=" + serverId);
        return answer.status() != 200 ? -1 : JSON.readTree(answer.body()).path("records").size();
    }

    private String awaitOk(String url) {
        return awaitStatus("GET", url, null, 200);
    }

    /** Sends until the answer is {@code expected}; only 503 (and a refused connection) may come before it. */
    private String awaitStatus(String method, String url, String json, int expected) {
        String[] body = new String[1];
        Awaitility.await().atMost(RECOVERY).pollInterval(Duration.ofMillis(250)).until(() -> {
            StackHttp.Answer answer = manager.send(method, url, json);
            assertThat(answer.status()).as(method + " " + url + " " + json + ": " + answer.body()).isIn(expected, 503, 0);
            body[0] = answer.body();
            return answer.status() == expected;
        });
        return body[0];
    }

    private static void signal(String signal, long pid) throws Exception {
        assertThat(pid).as("process ID for SIG" + signal).isPositive();
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
        assertThat(kill.waitFor()).as("kill -" + signal + " " + pid).isZero();
    }
}

package dev.connectplane.bench.faults;

import com.fasterxml.jackson.databind.JsonNode;
import dev.connectplane.bench.faults.DrillHttp.Answer;
import dev.connectplane.bench.faults.DrillHttp.Kind;
import dev.connectplane.bench.faults.Ledger.ServerLife;
import dev.connectplane.bench.faults.Ledger.TokenLife;
import dev.connectplane.contracts.envelope.EventCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The load a drill runs while it injects a fault: workers that each take servers through a
 * whole life, one operation after the other, and write every acknowledged one in the
 * {@link Ledger}: create the server with two vaults, create tokens, delete one, grant a group
 * and revoke it, revoke a vault (trimming the tokens), and delete the server half of the time.
 * A 503 or a refused connection is sent again; an answer lost in a crash makes the server
 * uncertain, and the worker starts a new one.
 */
public final class MixedLoad {

    static final String KEPT_VAULT = "Kubernetes";
    static final String TRIMMED_VAULT = "Customers";
    static final String GROUP = "DevOps";
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    private final DrillStack stack;
    private final DrillHttp http;
    private final Ledger ledger;
    private final int tokensPerServer;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> workers = new ArrayList<>();

    public MixedLoad(DrillStack stack, DrillHttp http, Ledger ledger, int tokensPerServer) {
        this.stack = stack;
        this.http = http;
        this.ledger = ledger;
        this.tokensPerServer = tokensPerServer;
    }

    public void start(int workerCount) {
        for (int i = 0; i < workerCount; i++) {
            Thread worker = new Thread(this::work, "drill-load-" + i);
            worker.setDaemon(true);
            worker.start();
            workers.add(worker);
        }
    }

    /** Stops the workers after the operation each is on, and waits for them. */
    public void stop() throws InterruptedException {
        running.set(false);
        for (Thread worker : workers) {
            worker.join(PATIENCE.toMillis() * 2);
        }
    }

    private void work() {
        while (running.get()) {
            try {
                live();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                ledger.refused("load worker failed: " + e);
            }
        }
    }

    /** One server's life; returns early (the server left uncertain) when an outcome is lost. */
    private void live() throws InterruptedException {
        String name = "drill " + UUID.randomUUID().toString().substring(0, 12);
        Answer created = call("POST", "server-service", "/v1/servers",
                "{\"name\":\"" + name + "\",\"vaults\":[\"" + KEPT_VAULT + "\",\"" + TRIMMED_VAULT + "\"]}", 201, null);
        if (created == null) {
            return;
        }
        ServerLife server = ledger.serverCreated(EventCodec.readTree(created.body()).path("server").path("id").asText());
        for (int i = 0; i < tokensPerServer && running.get(); i++) {
            Answer token = call("POST", "token-service", "/v1/tokens", "{\"name\":\"t" + i + "\",\"server\":\"" + server.id
                    + "\",\"vaults\":[\"" + KEPT_VAULT + "\",\"" + TRIMMED_VAULT + "\"]}", 201, server);
            if (token == null) {
                return;
            }
            JsonNode body = EventCodec.readTree(token.body());
            server.tokens.add(new TokenLife(body.path("id").asText(), body.path("token").asText()));
            ledger.acknowledged();
        }
        if (!server.tokens.isEmpty()) {
            TokenLife first = server.tokens.get(0);
            if (call("DELETE", "token-service", "/v1/servers/" + server.id + "/tokens/" + first.id, null, 204, server) == null) {
                return;
            }
            first.deleted = true;
            ledger.acknowledged();
        }
        if (call("PUT", "access-service", "/v1/groups/" + GROUP + "/grants/servers/" + server.id, null, 201, server) == null) {
            return;
        }
        server.groupGranted = true;
        ledger.acknowledged();
        if (call("DELETE", "access-service", "/v1/groups/" + GROUP + "/grants/servers/" + server.id, null, 204, server) == null) {
            return;
        }
        server.groupRevoked = true;
        ledger.acknowledged();
        List<String> beforeTrim = server.activeTokens().stream().map(token -> token.id).toList();
        if (call("DELETE", "access-service", "/v1/servers/" + server.id + "/vaults/" + TRIMMED_VAULT, null, 204, server) == null) {
            return;
        }
        server.trimmedTokens.addAll(beforeTrim);
        server.trimmed = true;
        ledger.acknowledged();
        if (ThreadLocalRandom.current().nextBoolean()) {
            List<String> beforeDelete = server.activeTokens().stream().map(token -> token.id).toList();
            if (call("DELETE", "server-service", "/v1/servers/" + server.id, null, 204, server) == null) {
                return;
            }
            server.revokedWithServer.addAll(beforeDelete);
            server.deleted = true;
            ledger.acknowledged();
        }
    }

    /**
     * The answer when it is {@code expected}; null when the outcome is unknown (the server is then
     * uncertain) or the service refused (recorded as a refusal, and the server left uncertain).
     */
    private Answer call(String method, String service, String path, String json, int expected, ServerLife server)
            throws InterruptedException {
        Answer answer = http.untilAnswered(method, stack.url(service) + path, json, PATIENCE);
        if (answer.is(expected)) {
            return answer;
        }
        if (answer.kind() == Kind.ANSWERED && !answer.is(503)) {
            ledger.refused(method + " " + path + " -> " + answer.status() + " " + answer.body());
        }
        ledger.unknown(server);
        return null;
    }
}

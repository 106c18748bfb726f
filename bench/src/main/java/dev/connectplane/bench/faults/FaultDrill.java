package dev.connectplane.bench.faults;

import com.fasterxml.jackson.databind.JsonNode;
import dev.connectplane.bench.faults.Ledger.ServerLife;
import dev.connectplane.bench.faults.Ledger.TokenLife;
import dev.connectplane.contracts.envelope.EventCodec;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs fault drills against a {@link DrillStack}: a mixed load ({@link MixedLoad}) during which
 * one piece is killed with SIGKILL and brought back, then a check that every acknowledged
 * operation holds ({@link Consistency}); and the termination of token-service's database
 * connection in the middle of a server deletion's cascade. Each drill says how many operations
 * were acknowledged and how many of them were lost, duplicated or out of order, how long the
 * stack took to work again, and how many answers were 5xx other than 503.
 * {@link #afterRestartingEveryService} then restarts every service and checks again: a revoked
 * token that answers active there is resurrected.
 */
public final class FaultDrill {

    /** What a drill kills. */
    public enum Fault {
        SERVER_SERVICE, ACCESS_SERVICE, TOKEN_SERVICE, AUDIT_SERVICE, KAFKA, POSTGRESQL,
        /** pg_terminate_backend of token-service's connection while it revokes a server's tokens. */
        CASCADE_CONNECTION;

        String service() {
            return name().toLowerCase().replace('_', '-');
        }
    }

    /**
     * @param workers         concurrent load workers
     * @param tokensPerServer tokens each load server gets
     * @param before          load before the fault
     * @param after           load after the piece is back
     * @param recoveryLimit   longest wait for the stack to work again and for every check to pass
     * @param cascadeTokens   tokens of the server whose deletion cascade loses its connection
     */
    public record Settings(int workers, int tokensPerServer, Duration before, Duration after, Duration recoveryLimit,
                           int cascadeTokens) {
    }

    /**
     * One drill's figures. {@code recoverySeconds}: from the fault until an operation of every
     * kind went through end to end again (for the cascade: until the retried cascade had revoked
     * every token); {@code convergedSeconds}: from the end of the load (the cascade: the fault)
     * until every check passed.
     */
    public record Result(Fault fault, Ledger ledger, Findings findings, double recoverySeconds, double convergedSeconds,
                         int serverErrors) {

        public int acknowledged() {
            return ledger.acknowledgedOperations();
        }
    }

    private final DrillStack stack;
    private final Settings settings;
    private final DrillHttp http;
    private final Consistency consistency;

    public FaultDrill(DrillStack stack, Settings settings) {
        this.stack = stack;
        this.settings = settings;
        this.http = new DrillHttp(stack.bearer("drill-admin", "Owners"));
        this.consistency = new Consistency(stack, http);
    }

    public Result run(Fault fault) throws Exception {
        return fault == Fault.CASCADE_CONNECTION ? cascadeConnection() : underLoad(fault);
    }

    private Result underLoad(Fault fault) throws Exception {
        Ledger ledger = new Ledger();
        int errorsBefore = http.serverErrors();
        MixedLoad load = new MixedLoad(stack, http, ledger, settings.tokensPerServer());
        load.start(settings.workers());
        Thread.sleep(settings.before().toMillis());
        long faultAt = System.nanoTime();
        inject(fault);
        double recovery = secondsSince(faultAt, awaitWorking());
        Thread.sleep(settings.after().toMillis());
        load.stop();
        long stoppedAt = System.nanoTime();
        Findings findings = consistency.awaitClean(ledger, settings.recoveryLimit());
        return new Result(fault, ledger, findings, recovery, secondsSince(stoppedAt, System.nanoTime()),
                http.serverErrors() - errorsBefore);
    }

    private void inject(Fault fault) throws Exception {
        switch (fault) {
            case KAFKA -> stack.killAndRestartKafka();
            case POSTGRESQL -> stack.killAndRestartPostgres();
            default -> stack.killAndRestart(fault.service());
        }
    }

    /**
     * Waits until a probe goes through every kind of operation: a server created, a token for it,
     * active on introspection, deleted, inactive; returns when it did.
     */
    private long awaitWorking() throws InterruptedException {
        long deadline = System.nanoTime() + settings.recoveryLimit().toNanos();
        while (System.nanoTime() < deadline) {
            if (probe()) {
                return System.nanoTime();
            }
            Thread.sleep(200);
        }
        return deadline;
    }

    private boolean probe() throws InterruptedException {
        Duration patience = Duration.ofSeconds(10);
        DrillHttp.Answer server = http.untilAnswered("POST", stack.url("server-service") + "/v1/servers",
                "{\"name\":\"probe " + UUID.randomUUID().toString().substring(0, 12) + "\",\"vaults\":[\""
                        + MixedLoad.KEPT_VAULT + "\"]}", patience);
        if (!server.is(201)) {
            return false;
        }
        String serverId = EventCodec.readTree(server.body()).path("server").path("id").asText();
        DrillHttp.Answer token = http.untilAnswered("POST", stack.url("token-service") + "/v1/tokens",
                "{\"name\":\"probe\",\"server\":\"" + serverId + "\",\"vaults\":[\"" + MixedLoad.KEPT_VAULT + "\"]}", patience);
        if (!token.is(201)) {
            return false;
        }
        JsonNode created = EventCodec.readTree(token.body());
        return active(created.path("token").asText(), patience)
                && http.untilAnswered("DELETE", stack.url("token-service") + "/v1/servers/" + serverId + "/tokens/"
                        + created.path("id").asText(), null, patience).is(204)
                && !active(created.path("token").asText(), patience);
    }

    private boolean active(String token, Duration patience) throws InterruptedException {
        DrillHttp.Answer answer = http.untilAnswered("POST", stack.url("token-service") + "/v1/tokens/introspect",
                "{\"token\":\"" + token + "\"}", patience);
        return answer.is(200) && EventCodec.readTree(answer.body()).path("active").asBoolean();
    }

    /**
     * A server with {@code cascadeTokens} tokens is deleted while a row lock of the drill holds
     * token-service's cascade; the cascade's backend is then terminated and the lock released.
     * The cascade must be retried and take effect once: every token revoked, each revocation
     * once on the stream.
     */
    private Result cascadeConnection() throws Exception {
        Ledger ledger = new Ledger();
        int errorsBefore = http.serverErrors();
        ServerLife server = serverWithTokens(ledger, settings.cascadeTokens());
        long faultAt;
        try (Connection db = DriverManager.getConnection(stack.jdbcUrl(), stack.dbUser(), stack.dbPassword())) {
            db.setAutoCommit(false);
            try (PreparedStatement lock = db.prepareStatement("select 1 from token_service.token where id = ? for update")) {
                lock.setString(1, server.tokens.get(server.tokens.size() - 1).id);
                lock.executeQuery().close();
            }
            List<String> active = server.activeTokens().stream().map(token -> token.id).toList();
            if (!http.untilAnswered("DELETE", stack.url("server-service") + "/v1/servers/" + server.id, null,
                    settings.recoveryLimit()).is(204)) {
                throw new IllegalStateException("the cascade drill's server delete was not acknowledged");
            }
            server.revokedWithServer.addAll(active);
            server.deleted = true;
            ledger.acknowledged();
            terminateCascade();
            faultAt = System.nanoTime();
            db.rollback();
        }
        double revoked = secondsSince(faultAt, awaitRevoked(server.id));
        Findings findings = consistency.awaitClean(ledger, settings.recoveryLimit());
        return new Result(Fault.CASCADE_CONNECTION, ledger, findings, revoked, secondsSince(faultAt, System.nanoTime()),
                http.serverErrors() - errorsBefore);
    }

    /** Waits until token-service's database holds no active token of the server (the retried cascade committed). */
    private long awaitRevoked(String serverId) throws SQLException, InterruptedException {
        try (Connection db = DriverManager.getConnection(stack.jdbcUrl(), stack.dbUser(), stack.dbPassword());
             PreparedStatement active = db.prepareStatement("select count(*) from token_service.token "
                     + "where server_id = ? and state = 'ACTIVE'")) {
            active.setString(1, serverId);
            long deadline = System.nanoTime() + settings.recoveryLimit().toNanos();
            while (System.nanoTime() < deadline) {
                try (ResultSet count = active.executeQuery()) {
                    if (count.next() && count.getLong(1) == 0) {
                        return System.nanoTime();
                    }
                }
                Thread.sleep(50);
            }
            return deadline;
        }
    }

    /** Waits for token-service's revoking UPDATE to wait on the drill's lock, and terminates its backend. */
    private void terminateCascade() throws SQLException, InterruptedException {
        try (Connection admin = DriverManager.getConnection(stack.jdbcUrl(), stack.dbUser(), stack.dbPassword());
             Statement statement = admin.createStatement()) {
            long deadline = System.nanoTime() + settings.recoveryLimit().toNanos();
            while (System.nanoTime() < deadline) {
                try (ResultSet terminated = statement.executeQuery("select pg_terminate_backend(pid) from pg_stat_activity "
                        + "where query like 'update token_service.token set state = ''REVOKED''%' and wait_event_type = 'Lock'")) {
                    if (terminated.next() && terminated.getBoolean(1)) {
                        return;
                    }
                }
                Thread.sleep(20);
            }
        }
        throw new IllegalStateException("token-service's cascade never waited on the drill's lock");
    }

    private ServerLife serverWithTokens(Ledger ledger, int tokens) throws Exception {
        DrillHttp.Answer created = http.untilAnswered("POST", stack.url("server-service") + "/v1/servers",
                "{\"name\":\"cascade " + UUID.randomUUID().toString().substring(0, 12) + "\",\"vaults\":[\""
                        + MixedLoad.KEPT_VAULT + "\"]}", settings.recoveryLimit());
        if (!created.is(201)) {
            throw new IllegalStateException("the cascade drill's server was not created: " + created);
        }
        ServerLife server = ledger.serverCreated(EventCodec.readTree(created.body()).path("server").path("id").asText());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<TokenLife>> issued = new ArrayList<>();
            for (int i = 0; i < tokens; i++) {
                String body = "{\"name\":\"c" + i + "\",\"server\":\"" + server.id + "\",\"vaults\":[\"" + MixedLoad.KEPT_VAULT + "\"]}";
                issued.add(pool.submit(() -> {
                    DrillHttp.Answer token = http.untilAnswered("POST", stack.url("token-service") + "/v1/tokens", body,
                            settings.recoveryLimit());
                    if (!token.is(201)) {
                        throw new IllegalStateException("a cascade drill token was not created: " + token);
                    }
                    JsonNode json = EventCodec.readTree(token.body());
                    return new TokenLife(json.path("id").asText(), json.path("token").asText());
                }));
            }
            for (Future<TokenLife> token : issued) {
                server.tokens.add(token.get());
                ledger.acknowledged();
            }
        } finally {
            pool.shutdownNow();
        }
        server.withTrimmedVault = false;
        return server;
    }

    /**
     * Restarts every service (SIGKILL, then a new process), then checks each drill's ledger again,
     * with revoked tokens that answer active counted as resurrected. Returns the new findings, in
     * the order of {@code results}.
     */
    public List<Findings> afterRestartingEveryService(List<Result> results) throws Exception {
        stack.killAndRestartEveryService();
        awaitWorking();
        List<Findings> after = new ArrayList<>();
        for (Result result : results) {
            after.add(consistency.check(result.ledger(), true));
        }
        return after;
    }

    public DrillHttp http() {
        return http;
    }

    private static double secondsSince(long startNanos, long endNanos) {
        return (endNanos - startNanos) / 1e9;
    }
}

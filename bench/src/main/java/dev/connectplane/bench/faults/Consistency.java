package dev.connectplane.bench.faults;

import com.fasterxml.jackson.databind.JsonNode;
import dev.connectplane.bench.faults.AccessChangeLog.Change;
import dev.connectplane.bench.faults.Ledger.ServerLife;
import dev.connectplane.bench.faults.Ledger.TokenLife;
import dev.connectplane.contracts.changes.AccessChangeKind;
import dev.connectplane.contracts.changes.AccessChanged;
import dev.connectplane.contracts.envelope.EventCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;

/**
 * Checks that every acknowledged operation of a {@link Ledger} holds everywhere:
 * <ul>
 *   <li>introspection answers what was acknowledged: active tokens active with exactly their
 *       vaults, revoked ones (deleted, or their server deleted) inactive; after a restart of
 *       every service a revoked token that answers active is <em>resurrected</em>;</li>
 *   <li>{@code connect.access-changes} has each acknowledged change once (no change under two
 *       event IDs) and in per-server order: a token's issue before its trim before its revocation,
 *       the server's deletion before the revocations it caused. A trim may be missing only when
 *       the server was deleted too: the two arrive on different topics, and a deletion applied
 *       first leaves nothing to trim;</li>
 *   <li>the audit has a record for each, and its hash chain verifies;</li>
 *   <li>a revoked group grant no longer lets its members see the server.</li>
 * </ul>
 */
public final class Consistency {

    private final DrillStack stack;
    private final DrillHttp manager;
    private final DrillHttp member;
    private final Map<String, String> vaultIds = new HashMap<>();

    public Consistency(DrillStack stack, DrillHttp manager) {
        this.stack = stack;
        this.manager = manager;
        this.member = new DrillHttp(stack.bearer("drill-member", MixedLoad.GROUP));
    }

    /** Checks until nothing is wrong or {@code within} passes; the findings of the last check. */
    public Findings awaitClean(Ledger ledger, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        Findings findings = check(ledger, false);
        while (!findings.clean() && System.nanoTime() < deadline) {
            Thread.sleep(500);
            findings = check(ledger, false);
        }
        return findings;
    }

    /**
     * One check of everything. {@code afterRestart}: every service was restarted since the
     * operations, so a revoked token answering active counts as resurrected.
     */
    public Findings check(Ledger ledger, boolean afterRestart) throws InterruptedException {
        Findings findings = new Findings();
        List<ServerLife> servers = ledger.certainServers();
        checkIntrospection(servers, afterRestart, findings);
        AccessChangeLog log = AccessChangeLog.read(stack.kafkaBootstrapServers());
        for (ServerLife server : servers) {
            checkChanges(server, log.of(server.id), findings);
            checkAudit(server, findings);
            checkGroupRevoke(server, findings);
        }
        checkChain(findings);
        return findings;
    }

    private void checkIntrospection(List<ServerLife> servers, boolean afterRestart, Findings findings)
            throws InterruptedException {
        Set<String> kept = Set.of(vaultId(MixedLoad.KEPT_VAULT));
        Set<String> both = Set.of(vaultId(MixedLoad.KEPT_VAULT), vaultId(MixedLoad.TRIMMED_VAULT));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> verdicts = new ArrayList<>();
            for (ServerLife server : servers) {
                for (TokenLife token : server.tokens) {
                    boolean active = !token.deleted && !server.deleted;
                    Set<String> vaults = server.trimmed || !server.withTrimmedVault ? kept : both;
                    verdicts.add(pool.submit(() -> verdict(token, active, vaults, afterRestart)));
                }
            }
            for (Future<String> verdict : verdicts) {
                String problem = verdict.get();
                if (problem == null) {
                    continue;
                }
                if (problem.startsWith("resurrected")) {
                    findings.resurrected(problem);
                } else {
                    findings.lost(problem);
                }
            }
        } catch (ExecutionException e) {
            findings.lost("introspection failed: " + e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** Null when introspection answers what was acknowledged, else what is wrong. */
    private String verdict(TokenLife token, boolean active, Set<String> vaults, boolean afterRestart)
            throws InterruptedException {
        DrillHttp.Answer answer = manager.untilAnswered("POST", stack.url("token-service") + "/v1/tokens/introspect",
                "{\"token\":\"" + token.jwt + "\"}", Duration.ofSeconds(30));
        if (!answer.is(200)) {
            return "introspection of token " + token.id + " answered " + answer.status() + " " + answer.kind();
        }
        JsonNode result = EventCodec.readTree(answer.body());
        boolean answeredActive = result.path("active").asBoolean();
        if (answeredActive && !active) {
            return (afterRestart ? "resurrected" : "revocation") + " of token " + token.id + ": it answers active";
        }
        if (!answeredActive && active) {
            return "token " + token.id + " acknowledged active answers inactive";
        }
        if (active) {
            Set<String> answeredVaults = new HashSet<>(result.path("vaults").findValuesAsText("id"));
            if (!answeredVaults.equals(vaults)) {
                return "token " + token.id + " has vaults " + answeredVaults + " instead of " + vaults;
            }
        }
        return null;
    }

    private void checkChanges(ServerLife server, List<Change> changes, Findings findings) {
        for (TokenLife token : server.tokens) {
            expectOnce(changes, change -> change.change() == AccessChangeKind.TOKEN_ISSUED && token.id.equals(change.tokenId()),
                    "token_issued of " + token.id, findings);
        }
        // A vault revoke and the server's deletion arrive on different topics: when token-service
        // applies the deletion first, the tokens are already revoked and nothing is left to trim.
        boolean trimRequired = !server.deleted;
        String trimmedVault = vaultId(MixedLoad.TRIMMED_VAULT);
        for (String tokenId : server.trimmedTokens) {
            expectOnce(changes, change -> change.change() == AccessChangeKind.TOKEN_SCOPE_TRIMMED
                    && tokenId.equals(change.tokenId()) && trimmedVault.equals(change.removedVaultId()),
                    "token_scope_trimmed of " + tokenId, trimRequired, findings);
        }
        for (TokenLife token : server.tokens) {
            if (token.deleted) {
                expectOnce(changes, change -> isRevocation(change, token.id, "deleted"), "token_revoked of " + token.id, findings);
            }
        }
        if (server.deleted) {
            expectOnce(changes, change -> change.change() == AccessChangeKind.SERVER_DELETED, "server_deleted of " + server.id,
                    findings);
            for (String tokenId : server.revokedWithServer) {
                expectOnce(changes, change -> isRevocation(change, tokenId, "server_deleted"),
                        "token_revoked (server_deleted) of " + tokenId, findings);
            }
        }
        checkOrder(server, changes, findings);
    }

    private static boolean isRevocation(AccessChanged change, String tokenId, String reason) {
        return change.change() == AccessChangeKind.TOKEN_REVOKED && tokenId.equals(change.tokenId())
                && reason.equals(change.reason());
    }

    /** Exactly one event ID carries the change (the same event delivered twice is still one). */
    private static void expectOnce(List<Change> changes, Predicate<AccessChanged> which,
                                   String what, Findings findings) {
        expectOnce(changes, which, what, true, findings);
    }

    /** At most one event ID carries the change, and one must when {@code required}. */
    private static void expectOnce(List<Change> changes, Predicate<AccessChanged> which, String what, boolean required,
                                   Findings findings) {
        long eventIds = changes.stream().filter(change -> which.test(change.change())).map(Change::eventId).distinct().count();
        if (eventIds == 0 && required) {
            findings.lost("no " + what + " on connect.access-changes");
        } else if (eventIds > 1) {
            findings.duplicated(what + " under " + eventIds + " event IDs");
        }
    }

    /** A token's issue, trim and revocation in that order; the server's deletion before the revocations it caused. */
    private static void checkOrder(ServerLife server, List<Change> changes, Findings findings) {
        Map<String, List<AccessChangeKind>> perToken = new HashMap<>();
        int serverDeletedAt = -1;
        List<Integer> cascadeRevocations = new ArrayList<>();
        for (int i = 0; i < changes.size(); i++) {
            AccessChanged change = changes.get(i).change();
            if (change.change() == AccessChangeKind.SERVER_DELETED && serverDeletedAt < 0) {
                serverDeletedAt = i;
            }
            if (change.tokenId() != null) {
                perToken.computeIfAbsent(change.tokenId(), id -> new ArrayList<>()).add(change.change());
                if (change.change() == AccessChangeKind.TOKEN_REVOKED && "server_deleted".equals(change.reason())) {
                    cascadeRevocations.add(i);
                }
            }
        }
        for (TokenLife token : server.tokens) {
            List<AccessChangeKind> kinds = perToken.getOrDefault(token.id, List.of());
            if (!ordered(kinds)) {
                findings.outOfOrder("token " + token.id + ": " + kinds);
            }
        }
        int deletedAt = serverDeletedAt;
        if (deletedAt >= 0 && cascadeRevocations.stream().anyMatch(index -> index < deletedAt)) {
            findings.outOfOrder("server " + server.id + ": a cascade revocation before server_deleted");
        }
    }

    /** issued, then any trims, then at most the revocation: the rank never goes down. */
    private static boolean ordered(List<AccessChangeKind> kinds) {
        int rank = 0;
        for (AccessChangeKind kind : kinds) {
            int next = switch (kind) {
                case TOKEN_ISSUED -> 0;
                case TOKEN_SCOPE_TRIMMED -> 1;
                case TOKEN_REVOKED, SERVER_DELETED -> 2;
            };
            if (next < rank) {
                return false;
            }
            rank = next;
        }
        return true;
    }

    private void checkAudit(ServerLife server, Findings findings) throws InterruptedException {
        List<String> records = new ArrayList<>();
        String cursor = null;
        do {
            DrillHttp.Answer answer = manager.untilAnswered("GET", stack.url("audit-service")
                    + "/v1/audit/records?limit=1000&server=" + server.id + (cursor == null ? "" : "&cursor=" + cursor),
                    null, Duration.ofSeconds(30));
            if (!answer.is(200)) {
                findings.lost("audit of server " + server.id + " answered " + answer.status());
                return;
            }
            JsonNode page = EventCodec.readTree(answer.body());
            for (JsonNode record : page.path("records")) {
                records.add(record.path("action").asText() + " " + record.path("targets").path("token").path("id").asText(""));
            }
            cursor = page.path("next_cursor").isTextual() ? page.path("next_cursor").asText() : null;
        } while (cursor != null);
        Set<String> audited = new HashSet<>(records);
        expectAudited(audited, "server.create ", server, findings);
        for (TokenLife token : server.tokens) {
            expectAudited(audited, "token.create " + token.id, server, findings);
            if (token.deleted) {
                expectAudited(audited, "token.revoke " + token.id, server, findings);
            }
        }
        for (String tokenId : server.trimmedTokens) {
            if (!server.deleted) {
                expectAudited(audited, "token.trim " + tokenId, server, findings);
            }
        }
        for (String tokenId : server.revokedWithServer) {
            expectAudited(audited, "token.revoke " + tokenId, server, findings);
        }
        if (server.groupGranted) {
            expectAudited(audited, "group.grant ", server, findings);
        }
        if (server.groupRevoked) {
            expectAudited(audited, "group.revoke ", server, findings);
        }
        if (server.trimmed) {
            expectAudited(audited, "vault.revoke ", server, findings);
        }
        if (server.deleted) {
            expectAudited(audited, "server.delete ", server, findings);
        }
    }

    private static void expectAudited(Set<String> records, String record, ServerLife server, Findings findings) {
        if (!records.contains(record)) {
            findings.lost("no audit record '" + record.strip() + "' of server " + server.id);
        }
    }

    private void checkGroupRevoke(ServerLife server, Findings findings) throws InterruptedException {
        if (!server.groupRevoked || server.deleted) {
            return;
        }
        DrillHttp.Answer answer = member.untilAnswered("GET", stack.url("server-service") + "/v1/servers/" + server.id, null,
                Duration.ofSeconds(30));
        if (!answer.is(404)) {
            findings.lost("group revoke on server " + server.id + ": a member still gets " + answer.status());
        }
    }

    private void checkChain(Findings findings) throws InterruptedException {
        DrillHttp.Answer answer = manager.untilAnswered("GET", stack.url("audit-service") + "/v1/audit/verify", null,
                Duration.ofSeconds(30));
        if (!answer.is(200) || !EventCodec.readTree(answer.body()).path("valid").asBoolean()) {
            findings.chainBroken(answer.status() + " " + answer.body());
        }
    }

    private String vaultId(String name) {
        return vaultIds.computeIfAbsent(name, this::lookUpVault);
    }

    private String lookUpVault(String name) {
        try {
            DrillHttp.Answer answer = manager.untilAnswered("GET", stack.url("access-service") + "/v1/vaults?limit=1000", null,
                    Duration.ofSeconds(60));
            for (JsonNode vault : EventCodec.readTree(answer.body())) {
                if (name.equals(vault.path("name").asText())) {
                    return vault.path("id").asText();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new IllegalStateException("access-service has no vault named " + name);
    }
}

package dev.connectplane.bench.faults;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a drill's load was told had happened: every acknowledged operation, per server. A server
 * with an operation of unknown outcome (its answer lost in a crash) is marked uncertain and
 * left out of the checks, since either outcome would be right.
 */
public final class Ledger {

    /** One server's life as acknowledged, in the order it was acknowledged. */
    public static final class ServerLife {
        final String id;
        final List<TokenLife> tokens = new ArrayList<>();
        /** Whether it was created with the vault the load later revokes (the cascade drill's is not). */
        volatile boolean withTrimmedVault = true;
        volatile boolean trimmed;
        volatile boolean groupGranted;
        volatile boolean groupRevoked;
        volatile boolean deleted;
        volatile boolean uncertain;
        /** Tokens active when the vault was revoked and when the server was deleted: they get events. */
        final List<String> trimmedTokens = new ArrayList<>();
        final List<String> revokedWithServer = new ArrayList<>();

        ServerLife(String id) {
            this.id = id;
        }

        List<TokenLife> activeTokens() {
            return tokens.stream().filter(token -> !token.deleted).toList();
        }
    }

    /** A token as acknowledged: its JWT, and whether its delete was acknowledged. */
    public static final class TokenLife {
        final String id;
        final String jwt;
        volatile boolean deleted;

        TokenLife(String id, String jwt) {
            this.id = id;
            this.jwt = jwt;
        }
    }

    final ConcurrentLinkedQueue<ServerLife> servers = new ConcurrentLinkedQueue<>();
    final AtomicInteger acknowledged = new AtomicInteger();
    final AtomicInteger unknown = new AtomicInteger();
    final AtomicInteger refused = new AtomicInteger();
    final ConcurrentLinkedQueue<String> refusals = new ConcurrentLinkedQueue<>();

    ServerLife serverCreated(String id) {
        ServerLife server = new ServerLife(id);
        servers.add(server);
        acknowledged.incrementAndGet();
        return server;
    }

    void acknowledged() {
        acknowledged.incrementAndGet();
    }

    /** An answer was lost: the server's state cannot be known. */
    void unknown(ServerLife server) {
        unknown.incrementAndGet();
        if (server != null) {
            server.uncertain = true;
        }
    }

    /** A request the service refused that it should have taken (a 4xx where the load expected success). */
    void refused(String what) {
        refused.incrementAndGet();
        if (refusals.size() < 10) {
            refusals.add(what);
        }
    }

    List<ServerLife> certainServers() {
        return servers.stream().filter(server -> !server.uncertain).toList();
    }

    public int acknowledgedOperations() {
        return acknowledged.get();
    }

    public int unknownOutcomes() {
        return unknown.get();
    }

    public int refusedOperations() {
        return refused.get();
    }

    public List<String> refusalSamples() {
        return List.copyOf(refusals);
    }
}

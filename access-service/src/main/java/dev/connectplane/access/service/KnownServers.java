package dev.connectplane.access.service;

import dev.connectplane.access.config.AccessConfig;
import dev.connectplane.access.repository.KnownServer;
import dev.connectplane.access.repository.KnownServerRepository;
import dev.connectplane.foundation.ids.IdGenerator;
import dev.connectplane.foundation.lookup.IdOrName;
import dev.connectplane.foundation.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Finds the active server a grant names, locked for the rest of the transaction so that a
 * grant and the cascade of the server's deletion never interleave.
 *
 * <p>A grant may race the server's creation: the client has server-service's answer while
 * ServerCreated is still on its way here. So an ID this service has not heard of is looked up
 * again every {@value #RETRY_MILLIS} ms for up to {@code connect.access.unknown-server-wait}
 * (3 s) before the answer is 404. Names are not waited for: a name is only known once the
 * server is. A deleted server is 404 at once.
 */
@ApplicationScoped
public class KnownServers {

    static final long RETRY_MILLIS = 25;

    private final KnownServerRepository servers;
    private final long waitNanos;

    public KnownServers(KnownServerRepository servers, AccessConfig config) {
        this.servers = servers;
        this.waitNanos = config.unknownServerWait().toNanos();
    }

    /** The active server, locked; must run inside a transaction. */
    public Uni<KnownServer> findActiveForUpdate(String reference) {
        String ref = reference == null ? "" : reference.strip();
        Uni<KnownServer> found = IdGenerator.looksLikeId(ref)
                ? awaitId(ref, System.nanoTime() + waitNanos)
                : IdOrName.find("server", ref, id -> Uni.createFrom().nullItem(), servers::findActiveByName, s -> s.id)
                        .chain(server -> servers.findForUpdate(server.id));
        return found.map(server -> {
            if (server == null || !server.isActive()) {
                throw ProblemException.notFound("server", ref);
            }
            return server;
        });
    }

    /** The active server, unlocked, for reads. */
    public Uni<KnownServer> findActive(String reference) {
        return IdOrName.find("server", reference, servers::findById, servers::findActiveByName, s -> s.id)
                .map(server -> {
                    if (!server.isActive()) {
                        throw ProblemException.notFound("server", reference);
                    }
                    return server;
                });
    }

    private Uni<KnownServer> awaitId(String id, long deadline) {
        return servers.findForUpdate(id).chain(server -> {
            if (server != null || System.nanoTime() >= deadline) {
                return server != null ? Uni.createFrom().item(server) : byNameInstead(id);
            }
            return delay().chain(() -> awaitId(id, deadline));
        });
    }

    /** An ID-shaped reference that is no server ID may still be a name (names of that form are refused, but not by every client). */
    private Uni<KnownServer> byNameInstead(String reference) {
        return servers.findActiveByName(reference).chain(found -> found.size() == 1
                ? servers.findForUpdate(found.get(0).id) : Uni.createFrom().nullItem());
    }

    /** Waits on the current Vert.x context, so the reactive session stays on its thread. */
    private static Uni<Void> delay() {
        Context context = Vertx.currentContext();
        return Uni.createFrom().emitter(emitter ->
                context.owner().setTimer(RETRY_MILLIS, timer -> context.runOnContext(ignored -> emitter.complete(null))));
    }
}

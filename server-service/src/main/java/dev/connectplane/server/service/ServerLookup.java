package dev.connectplane.server.service;

import dev.connectplane.foundation.ids.IdGenerator;
import dev.connectplane.foundation.problem.ProblemException;
import dev.connectplane.server.repository.Server;
import dev.connectplane.server.repository.ServerRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Finds an active server by ID or name. An ID is tried first (the fast path: a primary-key
 * read); otherwise the name, ignoring case. Unknown or deleted: 404. A name matching several
 * servers: 409 with their IDs (names are unique among active servers, so this only guards
 * against a broken invariant).
 */
@ApplicationScoped
public class ServerLookup {

    private final ServerRepository servers;

    public ServerLookup(ServerRepository servers) {
        this.servers = servers;
    }

    public Uni<Server> find(String reference) {
        String ref = reference == null ? "" : reference.strip();
        if (ref.isEmpty()) {
            return Uni.createFrom().failure(ProblemException.badRequest("invalid-server-reference",
                    "a server ID or name is required"));
        }
        Uni<Server> byId = IdGenerator.looksLikeId(ref) ? servers.findActiveById(ref) : Uni.createFrom().nullItem();
        return byId.chain(server -> server != null ? Uni.createFrom().item(server) : byName(ref));
    }

    private Uni<Server> byName(String name) {
        return servers.findActiveByName(name).map(found -> {
            if (found.isEmpty()) {
                throw ProblemException.notFound("server", name);
            }
            if (found.size() > 1) {
                throw ProblemException.ambiguous("server", name, found.stream().map(s -> s.id).toList());
            }
            return found.get(0);
        });
    }
}

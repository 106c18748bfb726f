package dev.connectplane.server.service;

import dev.connectplane.foundation.lookup.IdOrName;
import dev.connectplane.server.repository.Server;
import dev.connectplane.server.repository.ServerRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Finds an active server by ID or name (ignoring case). Deleted servers are not found. Names
 * are unique among active servers, so the ambiguity answer only guards a broken invariant.
 */
@ApplicationScoped
public class ServerLookup {

    private final ServerRepository servers;

    public ServerLookup(ServerRepository servers) {
        this.servers = servers;
    }

    public Uni<Server> find(String reference) {
        return IdOrName.find("server", reference, servers::findActiveById, servers::findActiveByName, s -> s.id);
    }
}

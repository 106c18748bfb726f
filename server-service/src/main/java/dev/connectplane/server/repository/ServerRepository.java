package dev.connectplane.server.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Active servers by ID or name; deleted ones are invisible here. */
@ApplicationScoped
public class ServerRepository implements PanacheRepositoryBase<Server, String> {

    public Uni<Server> findActiveById(String id) {
        return find("id = ?1 and state = ?2", id, ServerState.ACTIVE).firstResult();
    }

    /** Active servers whose name equals {@code name} ignoring case (at most one, names being unique). */
    public Uni<List<Server>> findActiveByName(String name) {
        return list("lower(name) = lower(?1) and state = ?2", name, ServerState.ACTIVE);
    }

    public Uni<List<Server>> listActive() {
        return list("state", Sort.by("name").and("id"), ServerState.ACTIVE);
    }
}

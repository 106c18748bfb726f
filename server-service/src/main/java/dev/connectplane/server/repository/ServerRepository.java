package dev.connectplane.server.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;

/**
 * Active servers by ID or name; deleted ones are invisible here. The state is written as a
 * literal so that PostgreSQL can use the partial index on active names.
 */
@ApplicationScoped
public class ServerRepository implements PanacheRepositoryBase<Server, String> {

    private static final String ACTIVE = ServerState.class.getName() + "." + ServerState.ACTIVE.name();

    public Uni<Server> findActiveById(String id) {
        return find("id = ?1 and state = " + ACTIVE, id).firstResult();
    }

    /** Active servers whose name equals {@code name} ignoring case (at most one, names being unique). */
    public Uni<List<Server>> findActiveByName(String name) {
        return list("lower(name) = lower(?1) and state = " + ACTIVE, name);
    }

    public Uni<List<Server>> listActive() {
        return list("state", Sort.by("name").and("id"), ServerState.ACTIVE);
    }

    /** The active servers among {@code ids}, by name. */
    public Uni<List<Server>> listActiveAmong(Collection<String> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return list("id in ?1 and state = " + ACTIVE, Sort.by("name").and("id"), ids);
    }
}

package dev.connectplane.server.repository;

import dev.connectplane.foundation.config.FoundationConfig;
import dev.connectplane.foundation.paging.Keyset;
import dev.connectplane.foundation.paging.PageRequest;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
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

    private final String activeAmong;

    public ServerRepository(FoundationConfig foundation) {
        this.activeAmong = "select * from " + foundation.dbSchema() + ".server where id = any(?1) and state = 'ACTIVE'";
    }

    public Uni<Server> findActiveById(String id) {
        return find("id = ?1 and state = " + ACTIVE, id).firstResult();
    }

    /** Active servers whose name equals {@code name} ignoring case (at most one, names being unique). */
    public Uni<List<Server>> findActiveByName(String name) {
        return list("lower(name) = lower(?1) and state = " + ACTIVE, name);
    }

    /** One page of the active servers, by name then ID ({@link #sortKey}). */
    public Uni<List<Server>> pageOfActive(PageRequest page) {
        return page("state = " + ACTIVE, new Parameters(), page);
    }

    /** One page of the active servers among {@code ids}, by name then ID. */
    public Uni<List<Server>> pageOfActiveAmong(Collection<String> ids, PageRequest page) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        // one array parameter (= any), however many servers the caller's grants name
        return Keyset.nativePage(getSession(), activeAmong, Server.class, ids.toArray(String[]::new),
                new String[] {"name", "id"}, page, after -> after);
    }

    /** The sort key of a server in a list: its name, then its ID. */
    public static List<String> sortKey(Server server) {
        return List.of(server.name, server.id);
    }

    private Uni<List<Server>> page(String condition, Parameters parameters, PageRequest page) {
        return Keyset.page(this, condition, parameters, Sort.by("name").and("id"), page, after -> after);
    }
}

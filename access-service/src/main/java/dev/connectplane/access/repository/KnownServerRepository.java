package dev.connectplane.access.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The servers projection. */
@ApplicationScoped
public class KnownServerRepository implements PanacheRepositoryBase<KnownServer, String> {

    /** The servers among these IDs (the servers of a page of grants), by ID. */
    public Uni<Map<String, KnownServer>> byIds(Collection<String> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return list("id in ?1", ids).map(found -> found.stream().collect(Collectors.toMap(server -> server.id, Function.identity())));
    }

    /** The server row, locked until the transaction ends, so grants and the deletion cascade do not interleave. */
    public Uni<KnownServer> findForUpdate(String id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }

    public Uni<List<KnownServer>> findActiveByName(String name) {
        return list("lower(name) = lower(?1) and state = 'ACTIVE'", name);
    }
}

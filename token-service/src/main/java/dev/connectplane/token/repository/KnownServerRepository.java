package dev.connectplane.token.repository;

import dev.connectplane.foundation.config.FoundationConfig;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.Collection;
import java.util.List;

/** The servers projection. */
@ApplicationScoped
public class KnownServerRepository implements PanacheRepositoryBase<KnownServer, String> {

    private final String activeAmong;

    public KnownServerRepository(FoundationConfig foundation) {
        this.activeAmong = "select * from " + foundation.dbSchema() + ".known_server where state = 'ACTIVE' and id = any(?1)";
    }

    /**
     * The server row, locked for update until the transaction ends. The vault-revoke trim and the
     * server-deletion cascade take it first, so they never interleave with each other or with a
     * token creation for the server.
     */
    public Uni<KnownServer> findForUpdate(String id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }

    /**
     * The server row with a share lock until the transaction ends ({@code for share}): token
     * creations for one server run side by side, and none runs while a cascade holds the row for
     * update (a token created during a trim either waits for it or is seen by it).
     */
    public Uni<KnownServer> findForShare(String id) {
        return findById(id, LockModeType.PESSIMISTIC_READ);
    }

    public Uni<List<KnownServer>> findActiveByName(String name) {
        return list("lower(name) = lower(?1) and state = 'ACTIVE'", name);
    }

    /** The active servers among these IDs (a caller's grants: one array parameter, however many). */
    public Uni<List<KnownServer>> activeAmong(Collection<String> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return getSession().chain(session -> session.createNativeQuery(activeAmong, KnownServer.class)
                .setParameter(1, ids.toArray(String[]::new))
                .getResultList());
    }

    /** The servers, in any state, among these IDs (the servers of a page of tokens). */
    public Uni<List<KnownServer>> among(Collection<String> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return list("id in ?1", ids);
    }
}

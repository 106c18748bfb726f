package dev.connectplane.token.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.List;

/** The servers projection. */
@ApplicationScoped
public class KnownServerRepository implements PanacheRepositoryBase<KnownServer, String> {

    /**
     * The server row, locked until the transaction ends. Token creation, the vault-revoke trim
     * and the server-deletion cascade all take it first, so they never interleave for one server.
     */
    public Uni<KnownServer> findForUpdate(String id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }

    public Uni<List<KnownServer>> findActiveByName(String name) {
        return list("lower(name) = lower(?1) and state = 'ACTIVE'", name);
    }
}

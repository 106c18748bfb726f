package dev.connectplane.access.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Vault grants. */
@ApplicationScoped
public class VaultGrantRepository implements PanacheRepositoryBase<VaultGrant, VaultGrant.Key> {

    public Uni<List<VaultGrant>> ofServer(String serverId) {
        return list("key.serverId", serverId);
    }

    /**
     * Deletes one grant with a query rather than {@code remove(entity)}: under load, the entity
     * delete path of Hibernate Reactive was seen resuming on another event loop (HR000069, which
     * left the request hanging); the query path stays on the session's thread.
     */
    public Uni<Void> deleteGrant(VaultGrant.Key key) {
        return delete("key.serverId = ?1 and key.vaultId = ?2", key.serverId, key.vaultId).replaceWithVoid();
    }
}

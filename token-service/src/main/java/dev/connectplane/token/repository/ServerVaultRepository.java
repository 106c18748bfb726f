package dev.connectplane.token.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** The vaults each server has now. */
@ApplicationScoped
public class ServerVaultRepository implements PanacheRepositoryBase<ServerVault, ServerVault.Key> {

    public Uni<List<ServerVault>> ofServer(String serverId) {
        return list("key.serverId = ?1 order by lower(vaultName), key.vaultId", serverId);
    }

    public Uni<Long> deleteGrant(String serverId, String vaultId) {
        return delete("key.serverId = ?1 and key.vaultId = ?2", serverId, vaultId);
    }

    public Uni<Long> deleteAllOf(String serverId) {
        return delete("key.serverId = ?1", serverId);
    }
}

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
}

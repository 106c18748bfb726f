package dev.connectplane.access.repository;

import dev.connectplane.contracts.access.VaultType;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** The vaults of the directory. */
@ApplicationScoped
public class VaultRepository implements PanacheRepositoryBase<Vault, String> {

    public Uni<List<Vault>> findByName(String name) {
        return list("lower(name) = lower(?1)", name);
    }

    public Uni<List<Vault>> findByType(VaultType type) {
        return list("vaultType", type);
    }

    public Uni<List<Vault>> listByName() {
        return listAll(Sort.by("name").and("id"));
    }
}

package dev.connectplane.access.repository;

import dev.connectplane.contracts.access.VaultType;
import dev.connectplane.foundation.paging.Keyset;
import dev.connectplane.foundation.paging.PageRequest;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** The vaults of the directory. */
@ApplicationScoped
public class VaultRepository implements PanacheRepositoryBase<Vault, String> {

    /**
     * Serializes seeding between instances starting together: a transaction-scoped advisory
     * lock, held until the caller's transaction ends.
     */
    public Uni<Void> lockForSeeding() {
        return getSession()
                .chain(session -> session.createNativeQuery(
                                "select count(*) from (select pg_advisory_xact_lock(hashtext('access-directory-seed'))) l")
                        .getSingleResult())
                .replaceWithVoid();
    }

    public Uni<List<Vault>> findByName(String name) {
        return list("lower(name) = lower(?1)", name);
    }

    public Uni<List<Vault>> findByType(VaultType type) {
        return list("vaultType", type);
    }

    /** One page of the directory's vaults, by name then ID ({@link #sortKey}). */
    public Uni<List<Vault>> page(PageRequest page) {
        return Keyset.page(this, "1 = 1", new Parameters(), Sort.by("name").and("id"), page, after -> after);
    }

    public static List<String> sortKey(Vault vault) {
        return List.of(vault.name, vault.id);
    }
}

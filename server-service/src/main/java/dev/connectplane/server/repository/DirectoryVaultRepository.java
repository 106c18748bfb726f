package dev.connectplane.server.repository;

import dev.connectplane.foundation.paging.Keyset;
import dev.connectplane.foundation.paging.PageRequest;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** The projected vault directory. */
@ApplicationScoped
public class DirectoryVaultRepository implements PanacheRepositoryBase<DirectoryVault, String> {

    public Uni<List<DirectoryVault>> findByNameIgnoringCase(String name) {
        return list("lower(name) = lower(?1)", name);
    }

    /** One page of the directory, by name then vault ID ({@link #sortKey}). */
    public Uni<List<DirectoryVault>> page(PageRequest page) {
        return Keyset.page(this, "1 = 1", new Parameters(), Sort.by("name").and("vaultId"), page, after -> after);
    }

    /** The sort key of a directory vault: its name, then its ID. */
    public static List<String> sortKey(DirectoryVault vault) {
        return List.of(vault.name, vault.vaultId);
    }
}

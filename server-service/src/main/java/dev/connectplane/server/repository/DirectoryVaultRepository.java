package dev.connectplane.server.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** The projected vault directory. */
@ApplicationScoped
public class DirectoryVaultRepository implements PanacheRepositoryBase<DirectoryVault, String> {

    public Uni<List<DirectoryVault>> findByNameIgnoringCase(String name) {
        return list("lower(name) = lower(?1)", name);
    }
}

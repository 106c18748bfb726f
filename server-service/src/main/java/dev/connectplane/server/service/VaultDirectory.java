package dev.connectplane.server.service;

import dev.connectplane.foundation.paging.Page;
import dev.connectplane.foundation.paging.PageRequest;
import dev.connectplane.server.repository.DirectoryVault;
import dev.connectplane.server.repository.DirectoryVaultRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** The vault directory server-service has projected, as its API lists it. */
@ApplicationScoped
public class VaultDirectory {

    private final DirectoryVaultRepository directory;

    public VaultDirectory(DirectoryVaultRepository directory) {
        this.directory = directory;
    }

    /** One page of the directory, by name. */
    public Uni<Page<DirectoryVault>> page(PageRequest page) {
        return Panache.withSession(() -> directory.page(page))
                .map(rows -> Page.of(rows, page, DirectoryVaultRepository::sortKey));
    }
}

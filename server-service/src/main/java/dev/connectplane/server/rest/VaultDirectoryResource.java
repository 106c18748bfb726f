package dev.connectplane.server.rest;

import dev.connectplane.foundation.auth.BearerAuthentication;
import dev.connectplane.server.repository.DirectoryVaultRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The vault directory as server-service knows it (projected from access-service's events):
 * what a server create can name. Shows whether the projection has caught up.
 */
@SecurityRequirement(name = BearerAuthentication.OPENAPI_SCHEME)
@Path("/v1/vault-directory")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "servers")
public class VaultDirectoryResource {

    private final DirectoryVaultRepository directory;

    public VaultDirectoryResource(DirectoryVaultRepository directory) {
        this.directory = directory;
    }

    /** A vault as the projection holds it. */
    public record DirectoryVaultView(String id, String name, String type) {
    }

    @GET
    @WithSession
    @Operation(summary = "The vault directory server-service checks server creates against")
    public Uni<List<DirectoryVaultView>> list() {
        return directory.listAll(Sort.by("name").and("vaultId")).map(all -> all.stream()
                .map(v -> new DirectoryVaultView(v.vaultId, v.name, v.vaultType.wireName())).toList());
    }
}

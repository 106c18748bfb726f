package dev.connectplane.server.rest;

import dev.connectplane.foundation.auth.BearerAuthentication;
import dev.connectplane.foundation.rest.PageParams;
import dev.connectplane.foundation.rest.PagedResponses;
import dev.connectplane.server.repository.DirectoryVault;
import dev.connectplane.server.service.VaultDirectory;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
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

    private final VaultDirectory directory;

    public VaultDirectoryResource(VaultDirectory directory) {
        this.directory = directory;
    }

    /** A vault as the projection holds it. */
    public record DirectoryVaultView(String id, String name, String type) {

        static List<DirectoryVaultView> of(List<DirectoryVault> vaults) {
            return vaults.stream().map(v -> new DirectoryVaultView(v.vaultId, v.name, v.vaultType.wireName())).toList();
        }
    }

    @GET
    @Operation(summary = "The vault directory server-service checks server creates against, by name, a page at a time",
            description = PagedResponses.DESCRIPTION)
    @APIResponse(responseCode = "200", description = "a page of the directory; a Link header names the next page",
            content = @Content(schema = @Schema(implementation = DirectoryVaultView.class, type = SchemaType.ARRAY)))
    public Uni<Response> list(@BeanParam PageParams page) {
        return directory.page(page.request())
                .map(vaults -> vaults.map(DirectoryVaultView::of))
                .map(views -> page.ok(views));
    }
}

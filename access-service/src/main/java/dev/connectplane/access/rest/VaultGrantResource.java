package dev.connectplane.access.rest;

import dev.connectplane.access.mapping.AccessViewMapper;
import dev.connectplane.access.service.VaultGrantService;
import dev.connectplane.foundation.auth.BearerAuthentication;
import dev.connectplane.foundation.caller.CurrentCaller;
import dev.connectplane.foundation.problem.ProblemException;
import dev.connectplane.foundation.rest.PageParams;
import dev.connectplane.foundation.rest.PagedResponses;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code connectctl vault grant|revoke --server S --vault V} and a server's vault list. */
@SecurityRequirement(name = BearerAuthentication.OPENAPI_SCHEME)
@Path("/v1/servers/{server}/vaults")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "vault grants")
public class VaultGrantResource {

    private final VaultGrantService service;
    private final CurrentCaller caller;

    public VaultGrantResource(VaultGrantService service, CurrentCaller caller) {
        this.service = service;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Grant a server access to a vault")
    @APIResponse(responseCode = "201", description = "granted now")
    @APIResponse(responseCode = "200", description = "was already granted; nothing changed")
    @APIResponse(responseCode = "404", description = "unknown server or vault")
    @APIResponse(responseCode = "409", description = "the vault name matches several vaults")
    @APIResponse(responseCode = "422", description = "a built-in or default Shared vault")
    public Uni<Response> grant(@PathParam("server") String server, AccessViews.GrantVaultRequest request) {
        ProblemException.requireBody(request);
        return service.grant(server, request.vault(), caller.context())
                .map(outcome -> Response.status(outcome.created() ? 201 : 200)
                        .entity(AccessViewMapper.toView(outcome.grant(), outcome.created())).build());
    }

    @DELETE
    @Path("{vault}")
    @Operation(summary = "Revoke a server's access to a vault; its tokens lose the vault for good")
    @APIResponse(responseCode = "204", description = "revoked")
    @APIResponse(responseCode = "404", description = "unknown server or vault, or the vault was not granted")
    public Uni<Response> revoke(@PathParam("server") String server, @PathParam("vault") String vault) {
        return service.revoke(server, vault, caller.context()).replaceWith(Response.noContent().build());
    }

    @GET
    @Operation(summary = "The vaults a server has, by name, a page at a time", description = PagedResponses.DESCRIPTION)
    @APIResponse(responseCode = "200", description = "a page of vault grants; a Link header names the next page",
            content = @Content(schema = @Schema(implementation = AccessViews.VaultGrantView.class, type = SchemaType.ARRAY)))
    public Uni<Response> list(@PathParam("server") String server,
                              @BeanParam PageParams page) {
        return service.vaultsOf(server, caller.actor(), page.request())
                .map(found -> found.map(rows -> rows.stream().map(grant -> AccessViewMapper.toView(grant, null)).toList()))
                .map(views -> page.ok(views));
    }
}

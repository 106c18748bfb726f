package dev.connectplane.access.rest;

import dev.connectplane.access.mapping.AccessViewMapper;
import dev.connectplane.access.service.DirectoryService;
import dev.connectplane.foundation.auth.BearerAuthentication;
import dev.connectplane.foundation.authz.Authorizer;
import dev.connectplane.foundation.caller.CallContext;
import dev.connectplane.foundation.caller.CurrentCaller;
import dev.connectplane.foundation.problem.ProblemException;
import dev.connectplane.foundation.rest.PageParams;
import dev.connectplane.foundation.rest.PagedResponses;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The account directory (an admin API): vaults and groups. */
@SecurityRequirement(name = BearerAuthentication.OPENAPI_SCHEME)
@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "directory")
public class DirectoryResource {

    private final DirectoryService directory;
    private final CurrentCaller caller;
    private final Authorizer authorizer;

    public DirectoryResource(DirectoryService directory, CurrentCaller caller, Authorizer authorizer) {
        this.directory = directory;
        this.caller = caller;
        this.authorizer = authorizer;
    }

    @POST
    @Path("vaults")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register a vault in the directory")
    @APIResponse(responseCode = "201", description = "the vault, registered")
    public Uni<Response> registerVault(AccessViews.RegisterVaultRequest request) {
        ProblemException.requireBody(request);
        CallContext context = caller.context();
        return authorizer.requireManager(context.actor(), "register vaults")
                .chain(() -> Panache.withTransaction(() -> directory.registerVault(request.name(), request.type(), context)))
                .map(vault -> Response.created(URI.create("/v1/vaults/" + vault.id))
                        .entity(AccessViewMapper.toView(vault)).build());
    }

    @GET
    @Path("vaults")
    @Operation(summary = "List the directory's vaults, by name, a page at a time", description = PagedResponses.DESCRIPTION)
    @APIResponse(responseCode = "200", description = "a page of vaults; a Link header names the next page",
            content = @Content(schema = @Schema(implementation = AccessViews.VaultView.class, type = SchemaType.ARRAY)))
    public Uni<Response> listVaults(@BeanParam PageParams page) {
        return directory.vaults(page.request())
                .map(found -> found.map(rows -> rows.stream().map(AccessViewMapper::toView).toList()))
                .map(views -> page.ok(views));
    }

    @POST
    @Path("groups")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register a group in the directory")
    @APIResponse(responseCode = "201", description = "the group, registered")
    public Uni<Response> registerGroup(AccessViews.RegisterGroupRequest request) {
        ProblemException.requireBody(request);
        CallContext context = caller.context();
        return authorizer.requireManager(context.actor(), "register groups")
                .chain(() -> Panache.withTransaction(() -> directory.registerGroup(request.name(), context)))
                .map(group -> Response.created(URI.create("/v1/groups/" + group.id))
                        .entity(AccessViewMapper.toView(group)).build());
    }

    @GET
    @Path("groups")
    @Operation(summary = "List the directory's groups, by name, a page at a time", description = PagedResponses.DESCRIPTION)
    @APIResponse(responseCode = "200", description = "a page of groups; a Link header names the next page",
            content = @Content(schema = @Schema(implementation = AccessViews.GroupView.class, type = SchemaType.ARRAY)))
    public Uni<Response> listGroups(@BeanParam PageParams page) {
        return directory.groups(page.request())
                .map(found -> found.map(rows -> rows.stream().map(AccessViewMapper::toView).toList()))
                .map(views -> page.ok(views));
    }
}

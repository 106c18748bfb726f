package dev.connectplane.access.rest;

import dev.connectplane.access.mapping.AccessViewMapper;
import dev.connectplane.access.service.GroupGrantService;
import dev.connectplane.access.service.GroupGrantTarget;
import dev.connectplane.foundation.auth.BearerAuthentication;
import dev.connectplane.foundation.caller.CurrentCaller;
import dev.connectplane.foundation.rest.PageParams;
import dev.connectplane.foundation.rest.PagedResponses;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
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
 * {@code connectctl group grant|revoke --group G [--server S | --all-servers]}: PUT grants
 * (201 when new, 200 when it existed), DELETE revokes (204, or 404 when there was no such grant).
 */
@SecurityRequirement(name = BearerAuthentication.OPENAPI_SCHEME)
@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "group grants")
public class GroupGrantResource {

    private final GroupGrantService service;
    private final CurrentCaller caller;

    public GroupGrantResource(GroupGrantService service, CurrentCaller caller) {
        this.service = service;
        this.caller = caller;
    }

    @PUT
    @Path("groups/{group}/grants/servers/{server}")
    @Operation(summary = "Let a group manage one server")
    @APIResponse(responseCode = "201", description = "granted now")
    @APIResponse(responseCode = "200", description = "already granted")
    public Uni<Response> grantServer(@PathParam("group") String group, @PathParam("server") String server) {
        return grant(group, GroupGrantTarget.server(server));
    }

    @DELETE
    @Path("groups/{group}/grants/servers/{server}")
    @Operation(summary = "Stop a group managing one server (all-servers and manager grants are separate)")
    public Uni<Response> revokeServer(@PathParam("group") String group, @PathParam("server") String server) {
        return revoke(group, GroupGrantTarget.server(server));
    }

    @PUT
    @Path("groups/{group}/grants/all-servers")
    @Operation(summary = "Let a group manage all current and future servers")
    @APIResponse(responseCode = "201", description = "granted now")
    @APIResponse(responseCode = "200", description = "already granted")
    public Uni<Response> grantAllServers(@PathParam("group") String group) {
        return grant(group, GroupGrantTarget.allServers());
    }

    @DELETE
    @Path("groups/{group}/grants/all-servers")
    @Operation(summary = "Revoke a group's all-servers grant (its grants on single servers stay)")
    public Uni<Response> revokeAllServers(@PathParam("group") String group) {
        return revoke(group, GroupGrantTarget.allServers());
    }

    @PUT
    @Path("groups/{group}/grants/managers")
    @Operation(summary = "Add a group to the Secrets Automation managers")
    @APIResponse(responseCode = "201", description = "granted now")
    @APIResponse(responseCode = "200", description = "already granted")
    public Uni<Response> grantManagers(@PathParam("group") String group) {
        return grant(group, GroupGrantTarget.managers());
    }

    @DELETE
    @Path("groups/{group}/grants/managers")
    @Operation(summary = "Remove a group from the Secrets Automation managers")
    public Uni<Response> revokeManagers(@PathParam("group") String group) {
        return revoke(group, GroupGrantTarget.managers());
    }

    @GET
    @Path("groups/{group}/grants")
    @Operation(summary = "What a group may manage, by scope and server, a page at a time", description = PagedResponses.DESCRIPTION)
    @APIResponse(responseCode = "200", description = "a page of grants; a Link header names the next page",
            content = @Content(schema = @Schema(implementation = AccessViews.GroupGrantView.class, type = SchemaType.ARRAY)))
    public Uni<Response> grantsOf(@PathParam("group") String group,
                                  @BeanParam PageParams page) {
        return service.grantsOf(group, caller.actor(), page.request())
                .map(found -> page.ok(found.map(AccessViewsOf::list)));
    }

    @GET
    @Path("servers/{server}/managers")
    @Operation(summary = "The groups that may manage a server: on it, on all servers, or as managers; a page at a time",
            description = PagedResponses.DESCRIPTION)
    @APIResponse(responseCode = "200", description = "a page of grants; a Link header names the next page",
            content = @Content(schema = @Schema(implementation = AccessViews.GroupGrantView.class, type = SchemaType.ARRAY)))
    public Uni<Response> managersOf(@PathParam("server") String server,
                                    @BeanParam PageParams page) {
        return service.groupsManaging(server, caller.actor(), page.request())
                .map(found -> page.ok(found.map(AccessViewsOf::list)));
    }

    @GET
    @Path("group-grants")
    @Operation(summary = "Every group grant, by group, scope and server, a page at a time", description = PagedResponses.DESCRIPTION)
    @APIResponse(responseCode = "200", description = "a page of grants; a Link header names the next page",
            content = @Content(schema = @Schema(implementation = AccessViews.GroupGrantView.class, type = SchemaType.ARRAY)))
    public Uni<Response> all(@BeanParam PageParams page) {
        return service.all(caller.actor(), page.request())
                .map(found -> page.ok(found.map(AccessViewsOf::list)));
    }

    private Uni<Response> grant(String group, GroupGrantTarget target) {
        return service.grant(group, target, caller.context())
                .map(outcome -> Response.status(outcome.created() ? 201 : 200)
                        .entity(AccessViewMapper.toView(outcome.grant(), outcome.created())).build());
    }

    private Uni<Response> revoke(String group, GroupGrantTarget target) {
        return service.revoke(group, target, caller.context()).replaceWith(Response.noContent().build());
    }

    /** Lists of grants as views. */
    private static final class AccessViewsOf {
        static List<AccessViews.GroupGrantView> list(List<GroupGrantService.GroupGrantView> grants) {
            return grants.stream().map(g -> AccessViewMapper.toView(g, null)).toList();
        }
    }
}

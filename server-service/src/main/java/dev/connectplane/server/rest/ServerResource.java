package dev.connectplane.server.rest;

import dev.connectplane.foundation.auth.BearerAuthentication;
import dev.connectplane.foundation.caller.CurrentCaller;
import dev.connectplane.foundation.problem.Problem;
import dev.connectplane.foundation.problem.ProblemException;
import dev.connectplane.foundation.rest.PageParams;
import dev.connectplane.foundation.rest.PagedResponses;
import dev.connectplane.server.config.ServerServiceConfig;
import dev.connectplane.server.mapping.ServerViewMapper;
import dev.connectplane.server.service.ServerService;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The Connect servers API: {@code connectctl server create|get|list|edit|delete}. */
@SecurityRequirement(name = BearerAuthentication.OPENAPI_SCHEME)
@Path("/v1/servers")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "servers")
public class ServerResource {

    private static final String MERGE_PATCH = "application/merge-patch+json";

    private final ServerService service;
    private final CurrentCaller caller;
    private final ServerServiceConfig config;

    public ServerResource(ServerService service, CurrentCaller caller, ServerServiceConfig config) {
        this.service = service;
        this.caller = caller;
        this.config = config;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a Connect server, grant it vaults and return its credentials document (once)")
    @APIResponse(responseCode = "201", description = "created",
            content = @Content(schema = @Schema(implementation = CreatedServerView.class)))
    @APIResponse(responseCode = "400", description = "malformed body or invalid name",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "a requested vault does not exist",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "name taken, or a vault name is ambiguous",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "a requested vault can never be granted to a server",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> create(CreateServerRequest request) {
        ProblemException.requireBody(request);
        return service.create(request.name(), request.vaults(), caller.context())
                .map(created -> ServerViewMapper.toCreatedView(created, config.apiAddress()))
                .map(view -> Response.created(URI.create("/v1/servers/" + view.server().id())).entity(view).build());
    }

    @GET
    @Operation(summary = "List the active servers, by name, a page at a time",
            description = PagedResponses.DESCRIPTION)
    @APIResponse(responseCode = "200", description = "a page of servers; a Link header names the next page",
            content = @Content(schema = @Schema(implementation = ServerView.class, type = SchemaType.ARRAY)))
    public Uni<Response> list(@BeanParam PageParams page) {
        return service.list(caller.actor(), page.request())
                .map(servers -> servers.map(ServerViewMapper::toViews))
                .map(views -> page.ok(views));
    }

    @GET
    @Path("{server}")
    @WithSession
    @Operation(summary = "Get a server by ID or name")
    @APIResponse(responseCode = "200", description = "the server, with its vaults")
    @APIResponse(responseCode = "404", description = "no active server has this ID or name",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<ServerView> get(@Parameter(description = "server ID or name") @PathParam("server") String reference) {
        return service.get(reference, caller.actor())
                .chain(service::withVaults)
                .map(ServerViewMapper::toView);
    }

    @PATCH
    @Path("{server}")
    @Consumes({MediaType.APPLICATION_JSON, MERGE_PATCH})
    @WithSession
    @Operation(summary = "Rename a server")
    @APIResponse(responseCode = "200", description = "the renamed server")
    @APIResponse(responseCode = "409", description = "another active server has this name",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<ServerView> rename(@PathParam("server") String reference, RenameServerRequest request) {
        ProblemException.requireBody(request);
        return service.rename(reference, request.name(), caller.context())
                .chain(service::withVaults)
                .map(ServerViewMapper::toView);
    }

    @DELETE
    @Path("{server}")
    @Operation(summary = "Delete a server: its credentials and all its tokens stop working")
    @APIResponse(responseCode = "204", description = "deleted")
    public Uni<Response> delete(@PathParam("server") String reference) {
        return service.delete(reference, caller.context()).replaceWith(Response.noContent().build());
    }
}

package dev.connectplane.token.rest;

import dev.connectplane.foundation.auth.BearerAuthentication;
import dev.connectplane.foundation.caller.CurrentCaller;
import dev.connectplane.foundation.outbox.OutboxWriter;
import dev.connectplane.foundation.paging.Page;
import dev.connectplane.foundation.problem.Problem;
import dev.connectplane.foundation.problem.ProblemException;
import dev.connectplane.foundation.rest.PageParams;
import dev.connectplane.foundation.rest.PagedResponses;
import dev.connectplane.token.mapping.TokenViewMapper;
import dev.connectplane.token.service.CreateTokenCommand;
import dev.connectplane.token.service.IssuedToken;
import dev.connectplane.token.service.TokenService;
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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The tokens API: {@code connectctl token create|list|get|edit|delete}. */
@SecurityRequirement(name = BearerAuthentication.OPENAPI_SCHEME)
@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "tokens")
public class TokenResource {

    private static final String MERGE_PATCH = "application/merge-patch+json";

    private final TokenService service;
    private final CurrentCaller caller;

    public TokenResource(TokenService service, CurrentCaller caller) {
        this.service = service;
        this.caller = caller;
    }

    @POST
    @Path("tokens")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a token for a server's vaults; the token is returned this once")
    @APIResponse(responseCode = "201", description = "created",
            content = @Content(schema = @Schema(implementation = CreatedTokenView.class)))
    @APIResponse(responseCode = "400", description = "malformed body, name, vault scope or expiry",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "no active server has this ID or name",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "a vault name matches several of the server's vaults",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "the server lacks a requested vault",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> create(CreateTokenRequest request) {
        ProblemException.requireBody(request);
        CreateTokenCommand command = CreateTokenCommand.of(request.name(), request.server(), request.vaults(),
                request.expiresIn());
        return service.create(command, caller.context())
                .map(issued -> TokenViewMapper.toCreatedView(issued, OutboxWriter.now()))
                .map(view -> Response.created(URI.create("/v1/servers/" + view.view().integrationId() + "/tokens/"
                        + view.view().id())).entity(view).build());
    }

    @GET
    @Path("tokens")
    @Operation(summary = "List tokens, active and revoked, of one server or of all servers, a page at a time",
            description = PagedResponses.DESCRIPTION)
    @APIResponse(responseCode = "200", description = "a page of tokens; a Link header names the next page",
            content = @Content(schema = @Schema(implementation = TokenView.class, type = SchemaType.ARRAY)))
    @APIResponse(responseCode = "404", description = "no server the caller may manage has this ID or name",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> list(@Parameter(description = "server ID or name") @QueryParam("server") String server,
                              @BeanParam PageParams page) {
        Uni<Page<IssuedToken>> tokens = server == null || server.isBlank()
                ? service.listAll(caller.actor(), page.request())
                : service.listOf(server, caller.actor(), page.request());
        return tokens.map(found -> page.ok(found.map(TokenResource::views)));
    }

    @GET
    @Path("servers/{server}/tokens")
    @Operation(summary = "List a server's tokens, active and revoked, oldest first, a page at a time",
            description = PagedResponses.DESCRIPTION)
    @APIResponse(responseCode = "200", description = "a page of tokens; a Link header names the next page",
            content = @Content(schema = @Schema(implementation = TokenView.class, type = SchemaType.ARRAY)))
    @APIResponse(responseCode = "404", description = "no active server has this ID or name",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> listOfServer(@PathParam("server") String server,
                                      @BeanParam PageParams page) {
        return service.listOf(server, caller.actor(), page.request())
                .map(found -> page.ok(found.map(TokenResource::views)));
    }

    @GET
    @Path("servers/{server}/tokens/{token}")
    @Operation(summary = "Get a token by ID or name")
    @APIResponse(responseCode = "200", description = "the token (never its value)")
    @APIResponse(responseCode = "404", description = "no such server, or the server has no such token",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<TokenView> get(@PathParam("server") String server, @PathParam("token") String token) {
        return service.get(server, token, caller.actor()).map(issued -> TokenViewMapper.toView(issued, OutboxWriter.now()));
    }

    @PATCH
    @Path("servers/{server}/tokens/{token}")
    @Consumes({MediaType.APPLICATION_JSON, MERGE_PATCH})
    @Operation(summary = "Rename a token")
    @APIResponse(responseCode = "200", description = "the renamed token")
    @APIResponse(responseCode = "409", description = "the token is revoked, or the name is ambiguous",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<TokenView> rename(@PathParam("server") String server, @PathParam("token") String token,
                                 RenameTokenRequest request) {
        ProblemException.requireBody(request);
        return service.rename(server, token, request.name(), caller.context())
                .map(issued -> TokenViewMapper.toView(issued, OutboxWriter.now()));
    }

    @DELETE
    @Path("servers/{server}/tokens/{token}")
    @Operation(summary = "Delete (revoke) a token; it stays listed as revoked")
    @APIResponse(responseCode = "204", description = "revoked")
    @APIResponse(responseCode = "409", description = "the token is already revoked",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> delete(@PathParam("server") String server, @PathParam("token") String token) {
        return service.delete(server, token, caller.context()).replaceWith(Response.noContent().build());
    }

    private static List<TokenView> views(List<IssuedToken> tokens) {
        OffsetDateTime now = OutboxWriter.now();
        return tokens.stream().map(issued -> TokenViewMapper.toView(issued, now)).toList();
    }
}

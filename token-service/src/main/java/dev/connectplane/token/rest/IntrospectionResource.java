package dev.connectplane.token.rest;

import dev.connectplane.contracts.common.Permission;
import dev.connectplane.foundation.auth.PublicEndpoint;
import dev.connectplane.foundation.problem.Problem;
import dev.connectplane.foundation.problem.ProblemException;
import dev.connectplane.token.introspection.IntrospectionCallers;
import dev.connectplane.token.introspection.IntrospectionResult;
import dev.connectplane.token.introspection.Introspector;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Token introspection in the style of RFC 7662, as a form post ({@code token}, and optionally
 * {@code vault} and {@code permission}) or the same fields as JSON. Answers from memory on the
 * event loop; see {@link Introspector} for what makes a token active.
 */
@Path("/v1/tokens/introspect")
@PublicEndpoint
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "introspection")
public class IntrospectionResource {

    private final Introspector introspector;
    private final IntrospectionCallers callers;

    public IntrospectionResource(Introspector introspector, IntrospectionCallers callers) {
        this.introspector = introspector;
        this.callers = callers;
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Is this token active, and for which vaults? (form post, RFC 7662)")
    @APIResponse(responseCode = "200", description = "the answer; {\"active\": false} for any inactive token",
            content = @Content(schema = @Schema(implementation = IntrospectionResult.class)))
    @APIResponse(responseCode = "400", description = "no token, or an unknown permission",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "no credentials, or server credentials or a bearer token that are not valid",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "a bearer token of a user who is not a manager",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<IntrospectionResult> introspectForm(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                                   @FormParam("token") String token, @FormParam("vault") String vault,
                                                   @FormParam("permission") String permission) {
        return introspect(authorization, token, vault, permission);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Is this token active, and for which vaults? (JSON)")
    public Uni<IntrospectionResult> introspectJson(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                                   IntrospectionRequest request) {
        ProblemException.requireBody(request);
        return introspect(authorization, request.token(), request.vault(), request.permission());
    }

    private Uni<IntrospectionResult> introspect(String authorization, String token, String vault, String permission) {
        if (token == null || token.isBlank()) {
            throw ProblemException.badRequest("missing-token", "give the token to introspect in the 'token' field");
        }
        Permission wanted = permission(permission, vault);
        String vaultId = vault == null || vault.isBlank() ? null : vault.strip();
        return callers.serverOf(authorization)
                .chain(serverId -> introspector.introspect(token.strip(), serverId, vaultId, wanted));
    }

    private static Permission permission(String permission, String vault) {
        if (permission == null || permission.isBlank()) {
            return null;
        }
        if (vault == null || vault.isBlank()) {
            throw ProblemException.badRequest("permission-without-vault", "'permission' needs a 'vault' to check it in");
        }
        return switch (permission.strip().toLowerCase(Locale.ROOT)) {
            case "read", "r" -> Permission.READ;
            case "write", "w" -> Permission.WRITE;
            default -> throw ProblemException.badRequest("invalid-permission",
                    "permission '" + permission + "' is not valid: expected read or write");
        };
    }
}

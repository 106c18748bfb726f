package dev.connectplane.token.rest;

import dev.connectplane.foundation.auth.BearerAuthentication;
import dev.connectplane.foundation.authz.Authorizer;
import dev.connectplane.foundation.authz.CallerRights;
import dev.connectplane.foundation.caller.CurrentCaller;
import dev.connectplane.foundation.problem.Problem;
import dev.connectplane.token.keys.KeyChanges;
import dev.connectplane.token.keys.SigningKeyInfo;
import dev.connectplane.token.keys.SigningKeys;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The token signing keys: listing, rotating and retiring them. */
@SecurityRequirement(name = BearerAuthentication.OPENAPI_SCHEME)
@Path("/v1/signing-keys")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "signing keys")
public class SigningKeyResource {

    private final SigningKeys keys;
    private final KeyChanges changes;
    private final CurrentCaller caller;
    private final Authorizer authorizer;

    public SigningKeyResource(SigningKeys keys, KeyChanges changes, CurrentCaller caller, Authorizer authorizer) {
        this.keys = keys;
        this.changes = changes;
        this.caller = caller;
        this.authorizer = authorizer;
    }

    @GET
    @Operation(summary = "List the signing keys and their states (no key material)")
    public Uni<List<SigningKeyInfo>> list() {
        return managersOnly().chain(keys::list);
    }

    @POST
    @Path("rotate")
    @Operation(summary = "Make a new key the active one; the current one keeps verifying until retired "
            + "(a SigningKeyRotated event, in the audit)")
    public Uni<SigningKeyInfo> rotate() {
        return managersOnly().chain(() -> changes.rotate(caller.context()));
    }

    @POST
    @Path("{kid}/retire")
    @Operation(summary = "Retire a previous key: the active tokens it signed are revoked (signing_key_retired), "
            + "each on connect.access-changes, and a SigningKeyRetired event counts them")
    @APIResponse(responseCode = "200", description = "the key, retired (also when it already was)")
    @APIResponse(responseCode = "404", description = "no such key",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "the key is the active one",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<SigningKeyInfo> retire(@PathParam("kid") String kid) {
        return managersOnly().chain(() -> changes.retire(kid, caller.context()));
    }

    private Uni<CallerRights> managersOnly() {
        return authorizer.requireManager(caller.actor(), "see, rotate and retire signing keys");
    }
}

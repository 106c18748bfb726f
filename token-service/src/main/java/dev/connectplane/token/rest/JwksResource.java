package dev.connectplane.token.rest;

import dev.connectplane.foundation.auth.PublicEndpoint;
import dev.connectplane.token.keys.SigningKeys;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The public keys that verify tokens, for anyone who wants to check a token's signature offline. */
@Path("/.well-known/jwks.json")
@PublicEndpoint
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "signing keys")
public class JwksResource {

    private final SigningKeys keys;

    public JwksResource(SigningKeys keys) {
        this.keys = keys;
    }

    @GET
    @Operation(summary = "The JWK set of the active and previous signing keys (never retired ones)")
    public JsonObject jwks() {
        JsonArray all = new JsonArray();
        keys.ring().publicJwks().forEach(jwk -> all.add(new JsonObject(jwk)));
        return new JsonObject().put("keys", all);
    }
}

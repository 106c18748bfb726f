package dev.connectplane.token.introspection;

import dev.connectplane.foundation.auth.BearerAuthentication;
import dev.connectplane.foundation.authz.Authorizer;
import dev.connectplane.foundation.ids.IdGenerator;
import dev.connectplane.foundation.problem.ProblemException;
import dev.connectplane.foundation.secrets.SecretHashes;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Who is asking for an introspection. A Connect server authenticates with its credentials
 * document as HTTP Basic, user = server ID, password = the credential secret; it may then
 * introspect only its own tokens. The secret is checked in constant time against the verifier
 * carried by ServerCreated, and stops working when the server is deleted.
 *
 * <p>A request without Basic credentials is a management request; until bearer authentication
 * and group-based authorization are in place (the authorization issue) every such caller is
 * treated like every other API caller today.
 */
@ApplicationScoped
public class IntrospectionCallers {

    public static final String CHALLENGE = "Basic realm=\"connect-introspection\", charset=\"UTF-8\"";

    private final IntrospectionCache cache;
    private final BearerAuthentication bearer;
    private final Authorizer authorizer;

    public IntrospectionCallers(IntrospectionCache cache, BearerAuthentication bearer, Authorizer authorizer) {
        this.cache = cache;
        this.bearer = bearer;
        this.authorizer = authorizer;
    }

    /**
     * The authenticated server's ID, or a null item for a manager (who may introspect any token).
     * 401 for missing or bad credentials of either kind; 403 for a user who is not a manager.
     */
    public Uni<String> serverOf(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return bearer.authenticate(authorization)
                    .chain(actor -> authorizer.requireManager(actor, "introspect tokens without a server's credentials"))
                    .replaceWith(Uni.createFrom().nullItem());
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return refused();
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            return refused();
        }
        String serverId = decoded.substring(0, colon);
        String secret = decoded.substring(colon + 1);
        if (!IdGenerator.looksLikeId(serverId)) {
            return refused();
        }
        return cache.server(serverId).chain(server -> {
            if (server == null || !server.active() || !SecretHashes.matches(secret, server.credentialVerifier())) {
                return refused();
            }
            return Uni.createFrom().item(serverId);
        });
    }

    private static Uni<String> refused() {
        return Uni.createFrom().failure(ProblemException.unauthorized(CHALLENGE,
                "the server credentials are not valid (Basic: server ID and credential secret), or the server was deleted"));
    }
}

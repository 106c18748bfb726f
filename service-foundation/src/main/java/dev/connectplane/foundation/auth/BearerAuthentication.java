package dev.connectplane.foundation.auth;

import dev.connectplane.contracts.envelope.Actor;
import dev.connectplane.foundation.problem.ProblemException;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Turns an {@code Authorization} value into the calling user: a bearer JWT verified by SmallRye
 * JWT (signature against the configured issuer's key, issuer, expiry), whose name becomes the
 * actor and whose {@code groups} claim the actor's groups. REST requests, the audit export route
 * and commands on Kafka all authenticate here, so they accept and refuse the same tokens.
 */
@ApplicationScoped
public class BearerAuthentication {

    /** The OpenAPI security scheme the management endpoints declare. */
    public static final String OPENAPI_SCHEME = "bearer";

    /** The challenge of a 401 for a request without a bearer token. */
    public static final String CHALLENGE = "Bearer realm=\"connect-control-plane\"";
    /** The challenge of a 401 for a bearer token that failed verification (RFC 6750 §3). */
    public static final String INVALID_TOKEN_CHALLENGE = CHALLENGE + ", error=\"invalid_token\"";

    private static final int MAX_TOKEN_CHARS = 16_384;
    private static final String BEARER = "bearer ";

    private final JWTParser parser;

    public BearerAuthentication(JWTParser parser) {
        this.parser = parser;
    }

    /** The user behind {@code authorization} (the whole header value), or a 401 problem. */
    public Actor authenticate(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            throw ProblemException.unauthorized(CHALLENGE,
                    "this request needs a bearer token: Authorization: Bearer <token>");
        }
        if (!authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw ProblemException.unauthorized(CHALLENGE,
                    "only bearer tokens are accepted here (a Connect server's credentials are for introspection)");
        }
        String token = authorization.substring(BEARER.length()).trim();
        if (token.isEmpty() || token.length() > MAX_TOKEN_CHARS) {
            throw invalid();
        }
        JsonWebToken jwt;
        try {
            jwt = parser.parse(token);
        } catch (ParseException | RuntimeException e) {
            throw invalid();
        }
        String name = jwt.getName() != null ? jwt.getName() : jwt.getSubject();
        if (name == null || name.isBlank()) {
            throw invalid();
        }
        List<String> groups = jwt.getGroups() == null ? List.of()
                : jwt.getGroups().stream().sorted(String.CASE_INSENSITIVE_ORDER).toList();
        return Actor.user(name, groups);
    }

    /** Whether {@code group} is among {@code groups}, ignoring case as group names do. */
    public static boolean memberOf(List<String> groups, String group) {
        String wanted = group.toLowerCase(Locale.ROOT);
        return groups.stream().anyMatch(g -> g.toLowerCase(Locale.ROOT).equals(wanted));
    }

    private static ProblemException invalid() {
        return ProblemException.unauthorized(INVALID_TOKEN_CHALLENGE,
                "the bearer token is not valid: malformed, expired, or not signed by the configured issuer");
    }
}

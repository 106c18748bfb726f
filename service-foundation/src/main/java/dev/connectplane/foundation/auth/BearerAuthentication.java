package dev.connectplane.foundation.auth;

import dev.connectplane.contracts.envelope.Actor;
import dev.connectplane.foundation.config.FoundationConfig;
import dev.connectplane.foundation.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.ErrorCodes;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.jwt.consumer.JwtContext;

/**
 * Turns an {@code Authorization} value into the calling user: a bearer JWT signed by a key of the
 * trusted issuer ({@link IssuerKeys}: a key file, a JWKS URL, or the JWKS of the issuer's OpenID
 * configuration), with that issuer, this API's audience and an expiry in the future, verified by
 * jose4j; the name claim becomes the actor and the groups claim the actor's groups
 * ({@link CallerClaims}). REST requests, the audit export route and commands on Kafka all
 * authenticate here, so they accept and refuse the same tokens. A refusal is a 401 problem with
 * an RFC 6750 challenge that says why ({@code error_description}). A token verified a moment ago
 * is taken again without its signature check ({@link VerifiedBearers}).
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
    private static final int CLOCK_SKEW_SECONDS = 30;
    private static final String BEARER = "bearer ";
    private static final AlgorithmConstraints SIGNATURES = new AlgorithmConstraints(
            AlgorithmConstraints.ConstraintType.PERMIT,
            AlgorithmIdentifiers.RSA_USING_SHA256, AlgorithmIdentifiers.RSA_USING_SHA384, AlgorithmIdentifiers.RSA_USING_SHA512,
            AlgorithmIdentifiers.RSA_PSS_USING_SHA256, AlgorithmIdentifiers.RSA_PSS_USING_SHA384,
            AlgorithmIdentifiers.RSA_PSS_USING_SHA512, AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256,
            AlgorithmIdentifiers.ECDSA_USING_P384_CURVE_AND_SHA384, AlgorithmIdentifiers.ECDSA_USING_P521_CURVE_AND_SHA512);
    /** Reads the header and claims before the key is known; nothing it returns is trusted until verified. */
    private static final JwtConsumer UNVERIFIED = new JwtConsumerBuilder()
            .setSkipAllValidators()
            .setDisableRequireSignature()
            .setSkipSignatureVerification()
            .build();

    private final IssuerKeys keys;
    private final String issuer;
    private final String audience;
    private final CallerClaims claims;
    private final VerifiedBearers verified;

    @Inject
    public BearerAuthentication(IssuerKeys keys, FoundationConfig config) {
        this(keys, config.auth().issuer(), config.auth().audience(), new CallerClaims(config.auth().claims().groups(),
                config.auth().claims().groupNames(), config.auth().claims().name()),
                new VerifiedBearers(config.auth().verifiedTokensKept(), config.auth().verifiedTokenReuse(), Clock.systemUTC()));
    }

    /** Verifies every request. */
    BearerAuthentication(IssuerKeys keys, String issuer, String audience, CallerClaims claims) {
        this(keys, issuer, audience, claims, VerifiedBearers.none());
    }

    BearerAuthentication(IssuerKeys keys, String issuer, String audience, CallerClaims claims, VerifiedBearers verified) {
        this.keys = keys;
        this.issuer = issuer;
        this.audience = audience;
        this.claims = claims;
        this.verified = verified;
    }

    /**
     * The user behind {@code authorization} (the whole header value), or a failure with a 401
     * problem. Immediate when the token's key is known; otherwise after the keys were read again,
     * continuing on the caller's Vert.x context.
     */
    public Uni<Actor> authenticate(String authorization) {
        String bearer;
        JwtContext token;
        JsonWebSignature signature;
        try {
            bearer = bearerToken(authorization);
            Optional<Actor> known = verified.actorOf(bearer, keys.current());
            if (known.isPresent()) {
                return Uni.createFrom().item(known.get());
            }
            token = parse(bearer);
            signature = signatureOf(token);
        } catch (ProblemException e) {
            return Uni.createFrom().failure(e);
        }
        CompletableFuture<IssuerKeys.Lookup> lookup = keys.keyFor(signature);
        if (lookup.isDone()) {
            return Uni.createFrom().item(() -> verifiedAndKept(bearer, token, lookup.join()));
        }
        return Uni.createFrom().completionStage(lookup)
                .emitOn(callersContext())
                .map(found -> verifiedAndKept(bearer, token, found));
    }

    /** Verifies the token, and keeps what it found for the next request with the same token ({@link VerifiedBearers}). */
    private Actor verifiedAndKept(String bearer, JwtContext token, IssuerKeys.Lookup lookup) {
        Object keysUsed = keys.current();
        Actor actor = verified(token, lookup);
        verified.keep(bearer, actor, expiryOf(token).plusSeconds(CLOCK_SKEW_SECONDS), keysUsed);
        return actor;
    }

    private static Instant expiryOf(JwtContext token) {
        try {
            return Instant.ofEpochMilli(token.getJwtClaims().getExpirationTime().getValueInMillis());
        } catch (MalformedClaimException e) {
            throw invalid("it has no expiry (exp)");
        }
    }

    /** Whether {@code group} is among {@code groups}, ignoring case as group names do. */
    public static boolean memberOf(List<String> groups, String group) {
        String wanted = group.toLowerCase(Locale.ROOT);
        return groups.stream().anyMatch(g -> g.toLowerCase(Locale.ROOT).equals(wanted));
    }

    private static String bearerToken(String authorization) {
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
            throw invalid("it is malformed");
        }
        return token;
    }

    private static JwtContext parse(String token) {
        try {
            return UNVERIFIED.process(token);
        } catch (InvalidJwtException | RuntimeException e) {
            throw invalid("it is malformed");
        }
    }

    private static JsonWebSignature signatureOf(JwtContext token) {
        if (token.getJoseObjects().size() != 1 || !(token.getJoseObjects().get(0) instanceof JsonWebSignature jws)) {
            throw invalid("it is not a signed JWT");
        }
        return jws;
    }

    private Actor verified(JwtContext token, IssuerKeys.Lookup lookup) {
        if (lookup.key() == null) {
            throw invalid(lookup.whyNot());
        }
        JwtConsumer consumer = new JwtConsumerBuilder()
                .setVerificationKey(lookup.key().getKey())
                .setJwsAlgorithmConstraints(SIGNATURES)
                .setExpectedIssuer(true, issuer)
                .setExpectedAudience(true, audience)
                .setRequireExpirationTime()
                .setAllowedClockSkewInSeconds(CLOCK_SKEW_SECONDS)
                .build();
        try {
            consumer.processContext(token);
        } catch (InvalidJwtException e) {
            throw invalid(reason(e));
        }
        return claims.actorOf(token.getJwtClaims()).orElseThrow(() -> invalid("it names no user"));
    }

    private static String reason(InvalidJwtException e) {
        if (e.hasExpired()) {
            return "it has expired";
        }
        if (e.hasErrorCode(ErrorCodes.AUDIENCE_INVALID) || e.hasErrorCode(ErrorCodes.AUDIENCE_MISSING)) {
            return "it was not issued for this API (aud)";
        }
        if (e.hasErrorCode(ErrorCodes.ISSUER_INVALID) || e.hasErrorCode(ErrorCodes.ISSUER_MISSING)) {
            return "it is not from the trusted issuer (iss)";
        }
        if (e.hasErrorCode(ErrorCodes.SIGNATURE_INVALID)) {
            return "its signature does not verify";
        }
        if (e.hasErrorCode(ErrorCodes.NOT_YET_VALID) || e.hasErrorCode(ErrorCodes.ISSUED_AT_INVALID_FUTURE)) {
            return "it is not valid yet";
        }
        if (e.hasErrorCode(ErrorCodes.EXPIRATION_MISSING)) {
            return "it has no expiry (exp)";
        }
        return "it is not a valid token of the trusted issuer";
    }

    /** Where the caller goes on after the keys were read: its event loop, its worker pool, or (no Vert.x) the reading thread. */
    private static Executor callersContext() {
        Context context = Vertx.currentContext();
        if (context == null) {
            return Runnable::run;
        }
        if (Context.isOnWorkerThread()) {
            return task -> context.executeBlocking(() -> {
                task.run();
                return null;
            }, false);
        }
        return task -> context.runOnContext(ignored -> task.run());
    }

    private static ProblemException invalid(String why) {
        return ProblemException.unauthorized(INVALID_TOKEN_CHALLENGE + ", error_description=\"the bearer token is not valid: "
                + why + "\"", "the bearer token is not valid: " + why);
    }
}

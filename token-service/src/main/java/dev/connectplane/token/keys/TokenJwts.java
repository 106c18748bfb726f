package dev.connectplane.token.keys;

import dev.connectplane.contracts.common.Permission;
import dev.connectplane.contracts.common.VaultScope;
import dev.connectplane.token.config.TokenConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.Key;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.jwt.consumer.JwtContext;
import org.jose4j.lang.JoseException;
import org.jose4j.lang.UnresolvableKeyException;

/**
 * Signs and verifies Connect tokens with jose4j: JWS compact form, ES256 only, a {@code kid}
 * header, and the claims of design §4: {@code iss}, {@code aud} (the server ID), {@code sub}
 * and {@code jti} (the token ID), {@code iat}, {@code exp} when the token expires, and
 * {@code vaults} ({@code [{id, acl}]}). jose4j is the JOSE library SmallRye JWT itself builds
 * on; its consumer refuses every algorithm but the one allowed here, so {@code alg: none} and
 * HMAC-with-the-public-key tricks fail before any key is used.
 */
@ApplicationScoped
public class TokenJwts {

    private final String issuer;

    public TokenJwts(TokenConfig config) {
        this.issuer = config.issuer();
    }

    /** What a verified token says about itself. */
    public record VerifiedClaims(String tokenId, String serverId, String keyId) {
    }

    public String sign(KeyRing ring, String tokenId, String serverId, List<VaultScope> vaults,
                       OffsetDateTime issuedAt, OffsetDateTime expiresAt) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer);
        claims.setAudience(serverId);
        claims.setSubject(tokenId);
        claims.setJwtId(tokenId);
        claims.setIssuedAt(NumericDate.fromSeconds(issuedAt.toEpochSecond()));
        if (expiresAt != null) {
            claims.setExpirationTime(NumericDate.fromSeconds(expiresAt.toEpochSecond()));
        }
        claims.setClaim("vaults", vaults.stream().map(TokenJwts::vaultClaim).toList());
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
        jws.setKeyIdHeaderValue(ring.activeKid());
        jws.setHeader("typ", "JWT");
        jws.setKey(ring.activePrivate());
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("could not sign a token with key " + ring.activeKid(), e);
        }
    }

    /**
     * Checks the signature (ES256, a known and unretired key), the issuer and the expiry.
     *
     * @return the claims, or {@code null} when the token is not one of ours or no longer valid
     */
    public VerifiedClaims verify(KeyRing ring, String token) {
        JwtConsumer consumer = new JwtConsumerBuilder()
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                        AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256)
                .setVerificationKeyResolver((jws, nesting) -> key(ring, jws))
                .setExpectedIssuer(issuer)
                .setRequireJwtId()
                .setRequireSubject()
                .setRequireIssuedAt()
                .setSkipDefaultAudienceValidation()
                .build();
        try {
            JwtContext context = consumer.process(token);
            JwtClaims claims = context.getJwtClaims();
            List<String> audience = claims.getAudience();
            if (audience.size() != 1 || !claims.getJwtId().equals(claims.getSubject())) {
                return null;
            }
            String kid = context.getJoseObjects().get(0).getKeyIdHeaderValue();
            return new VerifiedClaims(claims.getJwtId(), audience.get(0), kid);
        } catch (InvalidJwtException | MalformedClaimException | RuntimeException e) {
            return null;
        }
    }

    private static Key key(KeyRing ring, JsonWebSignature jws) throws UnresolvableKeyException {
        String kid = jws.getKeyIdHeaderValue();
        Key key = kid == null ? null : ring.verifying().get(kid);
        if (key == null) {
            throw new UnresolvableKeyException("unknown or retired key");
        }
        return key;
    }

    private static Map<String, Object> vaultClaim(VaultScope scope) {
        Map<String, Object> claim = new LinkedHashMap<>();
        claim.put("id", scope.vaultId());
        claim.put("acl", scope.acl().stream().map(Permission::wireName).toList());
        return claim;
    }
}

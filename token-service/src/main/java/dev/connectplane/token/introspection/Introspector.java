package dev.connectplane.token.introspection;

import dev.connectplane.contracts.common.Permission;
import dev.connectplane.foundation.secrets.SecretHashes;
import dev.connectplane.token.config.TokenConfig;
import dev.connectplane.token.keys.KeyRing;
import dev.connectplane.token.keys.SigningKeys;
import dev.connectplane.token.keys.TokenJwts;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.MessageDigest;
import java.time.Instant;

/**
 * Decides whether a presented token is active: the signature is valid (ES256, a key that is
 * neither unknown nor retired), it is exactly the token that was issued (its SHA-256 matches
 * the stored hash, compared in constant time), it is not revoked or expired, its server is
 * active, and, when the caller is a server, it is that server's token. The vaults it reports
 * are its scopes minus every trimmed one.
 *
 * <p>The token ID is read from the unverified payload only to find the stored facts; nothing
 * in it is trusted before the hash comparison. The signature is checked with jose4j the first
 * time a token's facts are loaded; afterwards a matching hash proves the same bytes. Created at
 * startup, so that its answer counters ({@code connect.introspection{result}}) exist before the
 * first answer.
 */
@Startup
@ApplicationScoped
public class Introspector {

    private final IntrospectionCache cache;
    private final SigningKeys keys;
    private final TokenJwts jwts;
    private final int maxChars;
    private final Counter inactive;
    private final Counter active;

    public Introspector(IntrospectionCache cache, SigningKeys keys, TokenJwts jwts, TokenConfig config,
                        MeterRegistry registry) {
        this.cache = cache;
        this.keys = keys;
        this.jwts = jwts;
        this.maxChars = config.maxTokenChars();
        this.active = Counter.builder("connect.introspection").tag("result", "active").register(registry);
        this.inactive = Counter.builder("connect.introspection").tag("result", "inactive").register(registry);
    }

    /**
     * @param callerServerId the server whose credentials the caller presented, or null for a manager
     * @param vaultId        the vault to check, or null
     * @param permission     the permission to check in that vault, or null for any
     */
    public Uni<IntrospectionResult> introspect(String token, String callerServerId, String vaultId, Permission permission) {
        String tokenId = UnverifiedJwt.tokenId(token, maxChars);
        if (tokenId == null) {
            return inactive();
        }
        return cache.token(tokenId).chain(facts -> {
            if (facts == null || !MessageDigest.isEqual(SecretHashes.sha256(token), facts.secretHash())) {
                return inactive();
            }
            if (callerServerId != null && !callerServerId.equals(facts.serverId())) {
                return inactive();
            }
            KeyRing ring = keys.ring();
            if (!ring.verifying().containsKey(facts.keyId()) || !signatureHolds(ring, token, facts)) {
                return inactive();
            }
            return cache.server(facts.serverId()).map(server -> answer(facts, server, vaultId, permission));
        });
    }

    private boolean signatureHolds(KeyRing ring, String token, TokenFacts facts) {
        if (facts.signatureVerified()) {
            return true;
        }
        TokenJwts.VerifiedClaims claims = jwts.verify(ring, token);
        if (claims == null || !claims.tokenId().equals(facts.tokenId()) || !claims.serverId().equals(facts.serverId())) {
            return false;
        }
        cache.markVerified(facts);
        return true;
    }

    private IntrospectionResult answer(TokenFacts facts, ServerFacts server, String vaultId, Permission permission) {
        if (facts.revoked() || facts.isExpired(Instant.now()) || server == null || !server.active()) {
            inactive.increment();
            return IntrospectionResult.INACTIVE;
        }
        Boolean allowed = vaultId == null ? null : Boolean.FALSE;
        for (IntrospectionResult.VaultGrant vault : facts.vaults()) {
            if (vault.id().equals(vaultId) && (permission == null || vault.acl().contains(permission))) {
                allowed = Boolean.TRUE;
            }
        }
        active.increment();
        return new IntrospectionResult(true, facts.tokenId(), facts.serverId(), facts.vaults(),
                facts.expiresAt() == null ? null : facts.expiresAt().getEpochSecond(), allowed);
    }

    private Uni<IntrospectionResult> inactive() {
        inactive.increment();
        return Uni.createFrom().item(IntrospectionResult.INACTIVE);
    }
}

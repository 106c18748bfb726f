package dev.connectplane.token.introspection;

import java.time.Instant;
import java.util.List;

/**
 * What introspection needs to know of one token, as cached: its state, expiry, untrimmed vault
 * scopes (already in the form of the answer), the SHA-256 of the JWT that was issued, and whether that JWT's signature has been
 * checked since the entry was loaded (a presented token whose hash matches is byte for byte
 * the one that was checked).
 */
public record TokenFacts(String tokenId, String serverId, boolean revoked, Instant expiresAt, byte[] secretHash,
                         String keyId, List<IntrospectionResult.VaultGrant> vaults, boolean signatureVerified) {

    public TokenFacts {
        vaults = List.copyOf(vaults);
    }

    public TokenFacts verified() {
        return new TokenFacts(tokenId, serverId, revoked, expiresAt, secretHash, keyId, vaults, true);
    }

    public boolean isExpired(Instant now) {
        return expiresAt != null && !expiresAt.isAfter(now);
    }
}

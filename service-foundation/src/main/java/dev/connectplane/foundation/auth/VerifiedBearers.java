package dev.connectplane.foundation.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.connectplane.contracts.envelope.Actor;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Bearer tokens verified lately, so that a caller sending the same token again (connectctl, a
 * load generator, a system publishing commands on Kafka) is not verified again: the signature
 * check was a quarter of access-service's CPU under a load of grants. A token is taken again for
 * at most {@code connect.auth.verified-token-reuse} after it was verified, never past its expiry
 * (with the clock skew verification allows), and never once the issuer's keys were read again
 * (a key the issuer dropped stops serving with the next read, as it did before). A failed
 * verification is never kept: a forged token costs its verification every time.
 *
 * <p>Kept by the SHA-256 of the token, never the token itself, in a Caffeine cache of at most
 * {@code connect.auth.verified-tokens-kept} entries (Caffeine: bounded and concurrent, as
 * token-service's introspection cache already uses it).
 */
final class VerifiedBearers {

    /** What a verification found, until when it holds, and with which of the issuer's key sets. */
    record Verified(Actor actor, Instant until, Object keys) {
    }

    private final Cache<ByteBuffer, Verified> verified;
    private final Duration reuse;
    private final Clock clock;

    VerifiedBearers(int kept, Duration reuse, Clock clock) {
        this.reuse = reuse;
        this.clock = clock;
        this.verified = Caffeine.newBuilder()
                .maximumSize(Math.max(kept, 0))
                .expireAfterWrite(reuse.isNegative() ? Duration.ZERO : reuse)
                .build();
    }

    /** Nothing is kept: every request is verified. */
    static VerifiedBearers none() {
        return new VerifiedBearers(0, Duration.ZERO, Clock.systemUTC());
    }

    /** The caller a token was verified as, if it still holds for the issuer's {@code keys} now. */
    Optional<Actor> actorOf(String token, Object keys) {
        if (!enabled() || keys == null) {
            return Optional.empty();
        }
        Verified found = verified.getIfPresent(digest(token));
        if (found == null || found.keys() != keys || !clock.instant().isBefore(found.until())) {
            return Optional.empty();
        }
        return Optional.of(found.actor());
    }

    /** Keeps a verification made with {@code keys}, for a token valid until {@code expiresAt}. */
    void keep(String token, Actor actor, Instant expiresAt, Object keys) {
        if (!enabled() || keys == null) {
            return;
        }
        Instant latest = clock.instant().plus(reuse);
        Instant until = expiresAt.isBefore(latest) ? expiresAt : latest;
        verified.put(digest(token), new Verified(actor, until, keys));
    }

    private boolean enabled() {
        return !reuse.isNegative() && !reuse.isZero();
    }

    private static ByteBuffer digest(String token) {
        try {
            return ByteBuffer.wrap(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}

package dev.connectplane.token.messaging.in;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** When the access-change listener stops being trusted, and when it is trusted again. */
class AccessChangesLagTest {

    private static final Duration BOUND = Duration.ofSeconds(5);
    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void trustedWhileLastCaughtUpWithinTheBound() {
        assertThat(AccessChangesLag.isTrusted(NOW, NOW, BOUND)).isTrue();
        assertThat(AccessChangesLag.isTrusted(NOW.minus(BOUND), NOW, BOUND)).isTrue();
    }

    @Test
    void notTrustedOnceLastCaughtUpLongerAgoThanTheBound() {
        assertThat(AccessChangesLag.isTrusted(NOW.minus(BOUND).minusMillis(1), NOW, BOUND)).isFalse();
        assertThat(AccessChangesLag.isTrusted(NOW.minus(Duration.ofMinutes(10)), NOW, BOUND)).isFalse();
    }
}

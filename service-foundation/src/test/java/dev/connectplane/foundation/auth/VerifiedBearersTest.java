package dev.connectplane.foundation.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connectplane.contracts.envelope.Actor;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class VerifiedBearersTest {

    private static final Instant START = Instant.parse("2026-12-03T12:00:00Z");
    private static final Actor DANA = Actor.user("dana", List.of("Platform"));
    private static final Object KEYS = new Object();

    private final MovableClock clock = new MovableClock(START);
    private final VerifiedBearers verified = new VerifiedBearers(10, Duration.ofMinutes(1), clock);

    @Test
    void aVerifiedTokenIsTakenAgainWithTheSameKeysForTheReuseWindow() {
        verified.keep("token-a", DANA, START.plus(Duration.ofHours(1)), KEYS);

        assertThat(verified.actorOf("token-a", KEYS)).contains(DANA);
        clock.advance(Duration.ofSeconds(59));
        assertThat(verified.actorOf("token-a", KEYS)).contains(DANA);
        clock.advance(Duration.ofSeconds(1));
        assertThat(verified.actorOf("token-a", KEYS)).isEmpty();
    }

    @Test
    void neverPastTheTokensExpiry() {
        verified.keep("token-a", DANA, START.plusSeconds(10), KEYS);

        clock.advance(Duration.ofSeconds(9));
        assertThat(verified.actorOf("token-a", KEYS)).contains(DANA);
        clock.advance(Duration.ofSeconds(1));
        assertThat(verified.actorOf("token-a", KEYS)).isEmpty();
    }

    @Test
    void notWithAnotherReadOfTheKeysNorForAnotherToken() {
        verified.keep("token-a", DANA, START.plus(Duration.ofHours(1)), KEYS);

        assertThat(verified.actorOf("token-a", new Object())).isEmpty();
        assertThat(verified.actorOf("token-a", null)).isEmpty();
        assertThat(verified.actorOf("token-b", KEYS)).isEmpty();
        assertThat(verified.actorOf("token-a ", KEYS)).isEmpty();
    }

    @Test
    void aZeroReuseKeepsNothing() {
        VerifiedBearers none = new VerifiedBearers(10, Duration.ZERO, clock);
        none.keep("token-a", DANA, START.plus(Duration.ofHours(1)), KEYS);

        assertThat(none.actorOf("token-a", KEYS)).isEmpty();
        assertThat(VerifiedBearers.none().actorOf("token-a", KEYS)).isEmpty();
    }
}

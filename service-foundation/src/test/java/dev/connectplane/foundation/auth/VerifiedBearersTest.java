package dev.connectplane.foundation.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connectplane.contracts.envelope.Actor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class VerifiedBearersTest {

    private static final Instant START = Instant.parse("2026-12-03T12:00:00Z");
    private static final Actor DANA = Actor.user("dana", List.of("Platform"));
    private static final Object KEYS = new Object();

    private final SteppedClock clock = new SteppedClock();
    private final VerifiedBearers verified = new VerifiedBearers(10, Duration.ofMinutes(1), clock);

    @Test
    void aVerifiedTokenIsTakenAgainWithTheSameKeysForTheReuseWindow() {
        verified.keep("token-a", DANA, START.plus(Duration.ofHours(1)), KEYS);

        assertThat(verified.actorOf("token-a", KEYS)).contains(DANA);
        clock.now = START.plusSeconds(59);
        assertThat(verified.actorOf("token-a", KEYS)).contains(DANA);
        clock.now = START.plusSeconds(60);
        assertThat(verified.actorOf("token-a", KEYS)).isEmpty();
    }

    @Test
    void neverPastTheTokensExpiry() {
        verified.keep("token-a", DANA, START.plusSeconds(10), KEYS);

        clock.now = START.plusSeconds(9);
        assertThat(verified.actorOf("token-a", KEYS)).contains(DANA);
        clock.now = START.plusSeconds(10);
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

    private static final class SteppedClock extends Clock {

        private Instant now = START;

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}

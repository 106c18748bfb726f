package dev.connectplane.foundation.consumers;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** How long after the broker was away a missing object may still be on its way. */
class BrokerOutagesTest {

    private static final Duration GRACE = Duration.ofSeconds(15);
    private static final Instant NOW = Instant.parse("2026-12-01T15:00:00Z");

    @Test
    void withinTheGraceAfterTheBrokerWasAwayWhatIsMissingMayBeLate() {
        assertThat(BrokerOutages.isWithin(NOW, NOW, GRACE)).isTrue();
        assertThat(BrokerOutages.isWithin(NOW.minus(GRACE), NOW, GRACE)).isTrue();
    }

    @Test
    void afterTheGraceWhatIsMissingIsMissing() {
        assertThat(BrokerOutages.isWithin(NOW.minus(GRACE).minusMillis(1), NOW, GRACE)).isFalse();
        assertThat(BrokerOutages.isWithin(Instant.EPOCH, NOW, GRACE)).isFalse();
    }

    @Test
    void rightAfterStartWhatIsMissingMayBeLateThoughTheBrokerNeverWentAway() {
        Duration startGrace = Duration.ofSeconds(15);
        assertThat(BrokerOutages.mayBeLate(Instant.EPOCH, NOW.minusSeconds(3), NOW, GRACE, startGrace)).isTrue();
        assertThat(BrokerOutages.mayBeLate(Instant.EPOCH, NOW.minusSeconds(16), NOW, GRACE, startGrace)).isFalse();
        assertThat(BrokerOutages.mayBeLate(NOW.minusSeconds(2), NOW.minusSeconds(60), NOW, GRACE, startGrace)).isTrue();
        assertThat(BrokerOutages.mayBeLate(Instant.EPOCH, NOW, NOW, GRACE, Duration.ZERO)).isTrue();
        assertThat(BrokerOutages.mayBeLate(Instant.EPOCH, NOW.minusMillis(1), NOW, GRACE, Duration.ZERO)).isFalse();
    }
}

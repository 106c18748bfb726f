package dev.connectplane.foundation.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The keepalive settings of the relay's session notice a dead leader within the configured bound. */
class LeaderLivenessTest {

    @Test
    void theDefaultEightSecondsSplitIntoIdleTimeAndProbes() {
        LeaderLiveness liveness = LeaderLiveness.within(Duration.ofSeconds(8));

        assertThat(liveness).isEqualTo(new LeaderLiveness(4, 1, 4, 8000));
        assertThat(liveness.idleDetection()).isEqualTo(Duration.ofSeconds(8));
    }

    @Test
    void everyBoundIsKeptAndNoSettingFallsBelowWhatPostgresTakes() {
        for (long seconds = 1; seconds <= 120; seconds++) {
            Duration bound = Duration.ofSeconds(seconds);
            LeaderLiveness liveness = LeaderLiveness.within(bound);
            assertThat(liveness.idleDetection()).as("%s", bound).isLessThanOrEqualTo(bound.plusSeconds(1));
            assertThat(liveness.idleSeconds()).isPositive();
            assertThat(liveness.probes()).isPositive();
            assertThat(liveness.userTimeoutMillis()).isGreaterThanOrEqualTo(1000).isLessThanOrEqualTo(Math.max(1000, bound.toMillis()));
        }
    }
}

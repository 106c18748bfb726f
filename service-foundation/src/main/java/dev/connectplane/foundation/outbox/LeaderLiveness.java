package dev.connectplane.foundation.outbox;

import java.time.Duration;

/**
 * How PostgreSQL tells that the relay leader's host is gone, for a bound on how long that may
 * take: TCP keepalives while the session is idle (the first probe after {@code idleSeconds}, then
 * one every {@code intervalSeconds}, dead after {@code probes} unanswered) and
 * {@code tcp_user_timeout} while data waits for an acknowledgment. Both end within the bound.
 */
record LeaderLiveness(int idleSeconds, int intervalSeconds, int probes, long userTimeoutMillis) {

    static LeaderLiveness within(Duration deadAfter) {
        long seconds = Math.max(2, deadAfter.toSeconds());
        int idle = (int) Math.max(1, seconds / 2);
        int probes = (int) Math.max(1, seconds - idle);
        return new LeaderLiveness(idle, 1, probes, Math.max(1000, deadAfter.toMillis()));
    }

    /** The longest it can take to notice a dead leader while the session is idle. */
    Duration idleDetection() {
        return Duration.ofSeconds(idleSeconds + (long) intervalSeconds * probes);
    }
}

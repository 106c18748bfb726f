package dev.connectplane.foundation.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connectplane.foundation.problem.ProblemException;
import io.vertx.core.VertxException;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.net.ConnectException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.apache.kafka.common.errors.NetworkException;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.hibernate.HibernateException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each class of the classification, transient or permanent, alone and wrapped as the frameworks wrap it. */
class TransientFailuresTest {

    static Stream<Arguments> failures() {
        return Stream.of(
                // the database away
                Arguments.of("connection refused", new ConnectException("Connection refused"), true),
                Arguments.of("connection lost", ClosedConnectionException.INSTANCE, true),
                Arguments.of("connection failure 08006", pg("08006"), true),
                Arguments.of("cannot connect now 57P03", pg("57P03"), true),
                Arguments.of("backend terminated 57P01", pg("57P01"), true),
                Arguments.of("crash shutdown 57P02", pg("57P02"), true),
                // timeouts
                Arguments.of("pool timeout", new VertxException("Timeout while waiting for a connection", true), true),
                Arguments.of("statement timeout 57014", pg("57014"), true),
                Arguments.of("java timeout", new TimeoutException(), true),
                // concurrency
                Arguments.of("serialization failure 40001", pg("40001"), true),
                Arguments.of("deadlock 40P01", pg("40P01"), true),
                Arguments.of("lock not available 55P03", pg("55P03"), true),
                Arguments.of("too many connections 53300", pg("53300"), true),
                Arguments.of("read-only during failover 25006", pg("25006"), true),
                // the broker away
                Arguments.of("broker not enough replicas", new NotEnoughReplicasException("isr"), true),
                Arguments.of("broker disconnected", new NetworkException("disconnected"), true),
                // a projection behind
                Arguments.of("projection late", new NotYetAvailable("server not here yet"), true),
                // wrapped
                Arguments.of("wrapped by Hibernate", new HibernateException("flush", pg("40001")), true),
                Arguments.of("wrapped by a completion", new CompletionException(new ConnectException("refused")), true),
                // permanent
                Arguments.of("NUL in text 22021", pg("22021"), false),
                Arguments.of("unique violation 23505", pg("23505"), false),
                Arguments.of("undefined table 42P01", pg("42P01"), false),
                Arguments.of("record too large", new RecordTooLargeException("1 MB"), false),
                Arguments.of("a rule violation", ProblemException.badRequest("bad", "no"), false),
                Arguments.of("a bug", new NullPointerException(), false),
                Arguments.of("an unreadable message", new IllegalArgumentException("not JSON"), false),
                Arguments.of("another Vert.x failure", new VertxException("boom", true), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failures")
    void classifies(String what, Throwable failure, boolean transientFailure) {
        assertThat(TransientFailures.isTransient(failure)).as(what).isEqualTo(transientFailure);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failures")
    void describesTheInnermostCauseOnOneLine(String what, Throwable failure, boolean transientFailure) {
        assertThat(TransientFailures.describe(new RuntimeException("outer", failure))).doesNotContain("\n")
                .startsWith(innermost(failure).getClass().getSimpleName());
    }

    private static Throwable innermost(Throwable failure) {
        Throwable t = failure;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    private static PgException pg(String sqlState) {
        return new PgException("failure " + sqlState, "ERROR", sqlState, null);
    }
}

package dev.connectplane.foundation.faults;

import io.vertx.core.VertxException;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.io.IOException;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.errors.RetriableException;
import org.hibernate.JDBCException;

/**
 * The one place that decides whether a failure can succeed if tried again later. A consumer
 * retries such a failure on the same record (the partition waits); REST answers it with 503 and
 * {@code Retry-After}. Everything else is permanent: a consumer sets the message aside on its
 * dead-letter topic, REST answers with what the failure is (a problem's 4xx, or a 500).
 *
 * <table>
 *   <caption>Transient failures</caption>
 *   <tr><th>class</th><th>recognised by</th></tr>
 *   <tr><td>database unreachable, connection refused or lost</td>
 *       <td>{@link IOException} (connection refused, reset, closed channel),
 *       {@link ClosedConnectionException}, SQLSTATE class 08</td></tr>
 *   <tr><td>database shutting down or restarting, backend terminated</td><td>SQLSTATE 57P01, 57P02, 57P03</td></tr>
 *   <tr><td>pool or statement timeout</td>
 *       <td>{@link TimeoutException}, a Vert.x "timeout" failure, SQLSTATE 57014 (query_canceled)</td></tr>
 *   <tr><td>serialization failure, deadlock, lock not available</td><td>SQLSTATE 40001, 40P01, 55P03</td></tr>
 *   <tr><td>database out of resources (connections, memory, disk)</td><td>SQLSTATE class 53</td></tr>
 *   <tr><td>read-only database (a failover in progress)</td><td>SQLSTATE 25006</td></tr>
 *   <tr><td>broker not available</td><td>Kafka's {@link RetriableException}</td></tr>
 *   <tr><td>a projection not caught up yet</td><td>{@link NotYetAvailable}</td></tr>
 * </table>
 *
 * <p>Permanent: a message that cannot be decoded or fails its schema, data the database refuses
 * (SQLSTATE classes 22 and 23), a rule violation (a problem), and anything not listed above.
 */
public final class TransientFailures {

    private static final Set<String> TRANSIENT_STATES = Set.of("57P01", "57P02", "57P03", "57014", "40001", "40P01",
            "55P03", "25006");
    private static final int MAX_DEPTH = 16;

    private TransientFailures() {
    }

    /** Whether the failure, or any of its causes, is one that can succeed when tried again. */
    public static boolean isTransient(Throwable failure) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth < MAX_DEPTH; t = t.getCause() == t ? null : t.getCause(), depth++) {
            if (isTransientItself(t)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isTransientItself(Throwable t) {
        if (t instanceof NotYetAvailable || t instanceof IOException || t instanceof ClosedConnectionException
                || t instanceof TimeoutException || t instanceof RetriableException) {
            return true;
        }
        String state = sqlState(t);
        if (state != null) {
            return isTransientState(state);
        }
        return t instanceof VertxException && mentionsTimeoutOrClosed(t.getMessage());
    }

    /** SQLSTATEs of failures that can succeed later: connection (08), resources (53) and the listed ones. */
    static boolean isTransientState(String state) {
        return state.startsWith("08") || state.startsWith("53") || TRANSIENT_STATES.contains(state);
    }

    private static String sqlState(Throwable t) {
        if (t instanceof PgException pg) {
            return pg.getSqlState();
        }
        if (t instanceof JDBCException jdbc) {
            return jdbc.getSQLState();
        }
        if (t instanceof SQLException sql) {
            return sql.getSQLState();
        }
        return null;
    }

    private static boolean mentionsTimeoutOrClosed(String message) {
        if (message == null) {
            return false;
        }
        String text = message.toLowerCase(Locale.ROOT);
        return text.contains("timeout") || text.contains("timed out") || text.contains("connection was closed")
                || text.contains("pool closed") || text.contains("connection refused");
    }

    /** A short description for logs and metrics: the innermost cause's class and message. */
    public static String describe(Throwable failure) {
        Throwable root = failure;
        int depth = 0;
        while (root.getCause() != null && root.getCause() != root && depth++ < MAX_DEPTH) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return root.getClass().getSimpleName() + (message == null ? "" : ": " + firstLine(message));
    }

    private static String firstLine(String message) {
        int newline = message.indexOf('\n');
        String line = newline < 0 ? message : message.substring(0, newline);
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }
}

package dev.connectplane.foundation.pg;

import io.vertx.mutiny.pgclient.PgConnection;
import io.vertx.pgclient.PgConnectOptions;
import java.time.Duration;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

/**
 * Options for a connection of its own to the service's database, outside the pool, for a
 * worker that LISTENs: the reactive datasource's URL, user and password.
 */
public final class DedicatedConnections {

    private static final Logger LOG = Logger.getLogger(DedicatedConnections.class);

    private DedicatedConnections() {
    }

    public static PgConnectOptions options(Config config) {
        String url = config.getValue("quarkus.datasource.reactive.url", String.class).replaceFirst("^vertx-reactive:", "");
        PgConnectOptions options = PgConnectOptions.fromUri(url);
        config.getOptionalValue("quarkus.datasource.username", String.class).ifPresent(options::setUser);
        config.getOptionalValue("quarkus.datasource.password", String.class).ifPresent(options::setPassword);
        return options;
    }

    /** Closes the connection, if any, waiting at most 5 s; a failure is only logged, at DEBUG, as {@code what}'s. */
    public static void closeQuietly(PgConnection connection, String what) {
        if (connection == null) {
            return;
        }
        try {
            connection.close().await().atMost(Duration.ofSeconds(5));
        } catch (RuntimeException e) {
            LOG.debugf("closing the %s connection failed: %s", what, e.toString());
        }
    }
}

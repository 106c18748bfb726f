package dev.connectplane.foundation.pg;

import io.vertx.pgclient.PgConnectOptions;
import org.eclipse.microprofile.config.Config;

/**
 * Options for a connection of its own to the service's database, outside the pool, for a
 * worker that LISTENs: the reactive datasource's URL, user and password.
 */
public final class DedicatedConnections {

    private DedicatedConnections() {
    }

    public static PgConnectOptions options(Config config) {
        String url = config.getValue("quarkus.datasource.reactive.url", String.class).replaceFirst("^vertx-reactive:", "");
        PgConnectOptions options = PgConnectOptions.fromUri(url);
        config.getOptionalValue("quarkus.datasource.username", String.class).ifPresent(options::setUser);
        config.getOptionalValue("quarkus.datasource.password", String.class).ifPresent(options::setPassword);
        return options;
    }
}

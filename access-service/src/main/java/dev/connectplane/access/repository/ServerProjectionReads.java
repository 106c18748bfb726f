package dev.connectplane.access.repository;

import dev.connectplane.foundation.config.FoundationConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Whether the servers projection has a server yet, read again and again while a grant waits for
 * its ServerCreated: on the plain reactive client, outside any Hibernate session, so that each
 * read sees the latest commit.
 */
@ApplicationScoped
public class ServerProjectionReads {

    private final Pool pool;
    private final String exists;

    public ServerProjectionReads(Pool pool, FoundationConfig foundation) {
        this.pool = pool;
        this.exists = "select 1 from " + foundation.dbSchema() + ".known_server where id = $1";
    }

    public Uni<Boolean> isKnown(String serverId) {
        return pool.preparedQuery(exists)
                .execute(Tuple.of(serverId))
                .map(rows -> rows.size() > 0);
    }
}

package dev.connectplane.token.repository;

import dev.connectplane.foundation.config.FoundationConfig;
import dev.connectplane.foundation.ids.IdGenerator;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * What a projection wait reads, again and again until the events have arrived: on the plain
 * reactive client, outside any Hibernate session, so that each read sees what was committed
 * last (a session would answer from its first read).
 */
@ApplicationScoped
public class ProjectionReads {

    private final Pool pool;
    private final String serverById;
    private final String serverByName;
    private final String vaultOfServer;

    public ProjectionReads(Pool pool, FoundationConfig foundation) {
        this.pool = pool;
        String schema = foundation.dbSchema();
        this.serverById = "select id from " + schema + ".known_server where id = $1 and state = 'ACTIVE'";
        this.serverByName = "select id from " + schema + ".known_server where lower(name) = lower($1) and state = 'ACTIVE'";
        this.vaultOfServer = "select 1 from " + schema + ".server_vault where server_id = $1 and (vault_id = $2 "
                + "or lower(vault_name) = lower($2))";
    }

    /** The ID of the active server with this ID or name, or null. */
    public Uni<String> activeServerId(String reference) {
        String query = IdGenerator.looksLikeId(reference) ? serverById : serverByName;
        return pool.preparedQuery(query)
                .execute(Tuple.of(reference))
                .map(rows -> rows.size() == 1 ? rows.iterator().next().getString("id") : null);
    }

    /** Whether the server has the vault with this ID or name. */
    public Uni<Boolean> serverHasVault(String serverId, String vaultReference) {
        return pool.preparedQuery(vaultOfServer)
                .execute(Tuple.of(serverId, vaultReference))
                .map(rows -> rows.size() > 0);
    }
}

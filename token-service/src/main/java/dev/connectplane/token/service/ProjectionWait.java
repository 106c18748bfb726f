package dev.connectplane.token.service;

import dev.connectplane.foundation.config.FoundationConfig;
import dev.connectplane.foundation.ids.IdGenerator;
import dev.connectplane.foundation.wait.BoundedWait;
import dev.connectplane.token.config.TokenConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;

/**
 * Read-your-writes for token creation. A client that has just been told its server was created,
 * or a vault granted, may ask for a token before the events have reached this service (server
 * create → ServerCreated → access-service grants → VaultGranted → here). So before its
 * transaction a create whose server or vaults are not yet in the projections waits for them:
 * the projections are read again every {@value #RETRY_MILLIS} ms for up to
 * {@code connect.token.projection-wait}. When the wait ends without them, the create goes on
 * and is refused with the usual not-found or not-granted answer.
 *
 * <p>Reads with the plain client, outside any Hibernate session ({@link BoundedWait}).
 */
@ApplicationScoped
public class ProjectionWait {

    static final long RETRY_MILLIS = 20;

    private final Pool pool;
    private final Duration wait;
    private final String serverById;
    private final String serverByName;
    private final String vaultOfServer;

    public ProjectionWait(Pool pool, TokenConfig config, FoundationConfig foundation) {
        this.pool = pool;
        this.wait = config.projectionWait();
        String schema = foundation.dbSchema();
        this.serverById = "select id from " + schema + ".known_server where id = $1 and state = 'ACTIVE'";
        this.serverByName = "select id from " + schema + ".known_server where lower(name) = lower($1) and state = 'ACTIVE'";
        this.vaultOfServer = "select 1 from " + schema + ".server_vault where server_id = $1 and (vault_id = $2 "
                + "or lower(vault_name) = lower($2))";
    }

    /** Completes once the server and every vault reference are in the projections, or the wait is over. */
    public Uni<Void> awaitServerAndVaults(String serverReference, List<String> vaultReferences) {
        String server = serverReference == null ? "" : serverReference.strip();
        if (server.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return BoundedWait.until(() -> ready(server, vaultReferences), wait, Duration.ofMillis(RETRY_MILLIS));
    }

    private Uni<Boolean> ready(String server, List<String> vaults) {
        String query = IdGenerator.looksLikeId(server) ? serverById : serverByName;
        return pool.preparedQuery(query).execute(Tuple.of(server)).chain(rows -> {
            if (rows.size() != 1) {
                return Uni.createFrom().item(false);
            }
            String serverId = rows.iterator().next().getString("id");
            return allGranted(serverId, vaults, 0);
        });
    }

    private Uni<Boolean> allGranted(String serverId, List<String> vaults, int index) {
        if (index >= vaults.size()) {
            return Uni.createFrom().item(true);
        }
        return pool.preparedQuery(vaultOfServer).execute(Tuple.of(serverId, vaults.get(index)))
                .chain(rows -> rows.size() == 0 ? Uni.createFrom().item(false) : allGranted(serverId, vaults, index + 1));
    }
}

package dev.connectplane.token.repository;

import dev.connectplane.contracts.common.VaultRef;
import dev.connectplane.foundation.config.FoundationConfig;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * The vaults a server was created with whose grant has not arrived yet ({@code requested_vault}).
 * Written in the consumed event's transaction; read with the plain client by the projection wait.
 */
@ApplicationScoped
public class RequestedVaultRepository {

    private final Pool pool;
    private final String insert;
    private final String deleteOne;
    private final String deleteAll;
    private final String pendingSince;

    public RequestedVaultRepository(Pool pool, FoundationConfig foundation) {
        this.pool = pool;
        String table = foundation.dbSchema() + ".requested_vault";
        String grants = foundation.dbSchema() + ".server_vault";
        this.insert = "insert into " + table + " (server_id, vault_id, vault_name, requested_at) "
                + "select ?1, v.id, v.name, ?4 from unnest(cast(?2 as text[]), cast(?3 as text[])) as v(id, name) "
                + "where not exists (select 1 from " + grants + " g where g.server_id = ?1 and g.vault_id = v.id) "
                + "on conflict do nothing";
        this.deleteOne = "delete from " + table + " where server_id = ?1 and vault_id = ?2";
        this.deleteAll = "delete from " + table + " where server_id = ?1";
        this.pendingSince = "select 1 from " + table + " where server_id = $1 and (vault_id = $2 "
                + "or lower(vault_name) = lower($2)) and requested_at > $3";
    }

    /** Records the vaults asked for at the server's creation that it does not have yet. */
    public Uni<Void> requested(String serverId, List<VaultRef> vaults, OffsetDateTime at) {
        if (vaults.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        String[] ids = vaults.stream().map(VaultRef::vaultId).toArray(String[]::new);
        String[] names = vaults.stream().map(VaultRef::vaultName).toArray(String[]::new);
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(insert)
                        .setParameter(1, serverId)
                        .setParameter(2, ids)
                        .setParameter(3, names)
                        .setParameter(4, at)
                        .executeUpdate())
                .replaceWithVoid();
    }

    /** The vault's grant or revocation arrived: it is no longer on its way. */
    public Uni<Void> settled(String serverId, String vaultId) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(deleteOne)
                        .setParameter(1, serverId)
                        .setParameter(2, vaultId)
                        .executeUpdate())
                .replaceWithVoid();
    }

    public Uni<Void> settledAll(String serverId) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(deleteAll)
                        .setParameter(1, serverId)
                        .executeUpdate())
                .replaceWithVoid();
    }

    /** Whether the vault (by ID or name) was requested for the server after {@code since} and is still on its way. */
    public Uni<Boolean> isOnItsWay(String serverId, String vaultReference, OffsetDateTime since) {
        return pool.preparedQuery(pendingSince)
                .execute(Tuple.of(serverId, vaultReference, since))
                .map(rows -> rows.size() > 0);
    }
}

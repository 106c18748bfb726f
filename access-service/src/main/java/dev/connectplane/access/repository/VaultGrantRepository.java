package dev.connectplane.access.repository;

import dev.connectplane.foundation.paging.Keyset;
import dev.connectplane.foundation.paging.PageRequest;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Vault grants. */
@ApplicationScoped
public class VaultGrantRepository implements PanacheRepositoryBase<VaultGrant, VaultGrant.Key> {

    public Uni<List<VaultGrant>> ofServer(String serverId) {
        return list("key.serverId", serverId);
    }

    /**
     * One page of a server's vault grants, by the vault's name then ID ({@link #sortKey}): the
     * grant and its vault read together, one query for the page.
     */
    public Uni<List<VaultGrantRow>> pageOfServer(String serverId, PageRequest page) {
        String select = "select g, v from VaultGrant g join Vault v on v.id = g.key.vaultId where g.key.serverId = :server";
        Parameters parameters = Parameters.with("server", serverId);
        String query = page.fromStart() ? select : select + " and " + Keyset.after("v.name", "v.id");
        if (!page.fromStart()) {
            List<String> after = page.afterKey(2);
            Keyset.bind(parameters, after.get(0), after.get(1));
        }
        return getSession().chain(session -> {
            var selection = session.createSelectionQuery(query + " order by v.name, v.id", Object[].class);
            parameters.map().forEach(selection::setParameter);
            return selection.setMaxResults(page.fetchSize()).getResultList();
        }).map(rows -> rows.stream().map(row -> new VaultGrantRow((VaultGrant) row[0], (Vault) row[1])).toList());
    }

    /** A vault grant with its vault. */
    public record VaultGrantRow(VaultGrant grant, Vault vault) {
    }

    public static List<String> sortKey(VaultGrantRow row) {
        return List.of(row.vault().name, row.vault().id);
    }

    /**
     * Deletes one grant with a query rather than {@code remove(entity)}: under load, the entity
     * delete path of Hibernate Reactive was seen resuming on another event loop (HR000069, which
     * left the request hanging); the query path stays on the session's thread.
     */
    public Uni<Void> deleteGrant(VaultGrant.Key key) {
        return delete("key.serverId = ?1 and key.vaultId = ?2", key.serverId, key.vaultId).replaceWithVoid();
    }
}

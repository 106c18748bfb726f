package dev.connectplane.server.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Which vaults each server has, with their names from the directory. */
@ApplicationScoped
public class ServerVaultRepository implements PanacheRepositoryBase<ServerVault, ServerVault.Key> {

    /** A granted vault with its directory name (the ID stands in when the directory has not heard of it). */
    public record GrantedVault(String serverId, String vaultId, String vaultName) {
    }

    /** The granted vaults of each given server, sorted by name. */
    public Uni<Map<String, List<GrantedVault>>> vaultsOf(Collection<String> serverIds) {
        if (serverIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return getSession().chain(session -> session.createSelectionQuery(
                        "select sv.key.serverId, sv.key.vaultId, coalesce(v.name, sv.key.vaultId) "
                                + "from ServerVault sv left join DirectoryVault v on v.vaultId = sv.key.vaultId "
                                + "where sv.key.serverId in (:ids) order by coalesce(v.name, sv.key.vaultId)",
                        Object[].class)
                .setParameter("ids", serverIds)
                .getResultList())
                .map(rows -> rows.stream()
                        .map(row -> new GrantedVault((String) row[0], (String) row[1], (String) row[2]))
                        .collect(Collectors.groupingBy(GrantedVault::serverId)));
    }
}

package dev.connectplane.access.repository;

import dev.connectplane.contracts.access.GrantScope;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Group grants. */
@ApplicationScoped
public class GroupGrantRepository implements PanacheRepositoryBase<GroupGrant, GroupGrant.Key> {

    public Uni<List<GroupGrant>> ofGroup(String groupId) {
        return list("key.groupId", Sort.by("key.scope").and("key.serverId"), groupId);
    }

    /** The grants that let a group manage this server: on it, on all servers, or as managers. */
    public Uni<List<GroupGrant>> covering(String serverId) {
        return list("(key.scope = ?1 and key.serverId = ?2) or key.scope in (?3, ?4)",
                GrantScope.SERVER, serverId, GrantScope.ALL_SERVERS, GrantScope.MANAGERS);
    }

    public Uni<List<GroupGrant>> onServer(String serverId) {
        return list("key.scope = ?1 and key.serverId = ?2", GrantScope.SERVER, serverId);
    }

    /** Deletes one grant with a query; see {@link VaultGrantRepository#deleteGrant}. */
    public Uni<Void> deleteGrant(GroupGrant.Key key) {
        return delete("key.groupId = ?1 and key.scope = ?2 and key.serverId = ?3", key.groupId, key.scope, key.serverId)
                .replaceWithVoid();
    }

    public Uni<List<GroupGrant>> listOrdered() {
        return listAll(Sort.by("key.groupId").and("key.scope").and("key.serverId"));
    }
}

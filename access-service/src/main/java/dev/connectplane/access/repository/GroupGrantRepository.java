package dev.connectplane.access.repository;

import dev.connectplane.contracts.access.GrantScope;
import dev.connectplane.foundation.paging.Keyset;
import dev.connectplane.foundation.paging.PageRequest;
import dev.connectplane.foundation.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Group grants. */
@ApplicationScoped
public class GroupGrantRepository implements PanacheRepositoryBase<GroupGrant, GroupGrant.Key> {

    private static final Sort ORDER = Sort.by("key.groupId").and("key.scope").and("key.serverId");

    /** One page of a group's grants, by scope then server ({@link #sortKeyInGroup}). */
    public Uni<List<GroupGrant>> pageOfGroup(String groupId, PageRequest page) {
        return Keyset.page(this, "key.groupId = :group", Parameters.with("group", groupId),
                Sort.by("key.scope").and("key.serverId"), page, after -> List.of(scope(after.get(0)), after.get(1)));
    }

    public static List<String> sortKeyInGroup(GroupGrant grant) {
        return List.of(grant.key.scope.name(), grant.key.serverId);
    }

    /** The sort key of a grant among all: group, scope, server. */
    public static List<String> sortKey(GroupGrant grant) {
        return List.of(grant.key.groupId, grant.key.scope.name(), grant.key.serverId);
    }

    /** The grants that let a group manage this server: on it, on all servers, or as managers. */
    public Uni<List<GroupGrant>> covering(String serverId) {
        return list("(key.scope = ?1 and key.serverId = ?2) or key.scope in (?3, ?4)",
                GrantScope.SERVER, serverId, GrantScope.ALL_SERVERS, GrantScope.MANAGERS);
    }

    /** One page of the grants that let a group manage this server, by group, scope, server ({@link #sortKey}). */
    public Uni<List<GroupGrant>> pageCovering(String serverId, PageRequest page) {
        return Keyset.page(this, "((key.scope = :server_scope and key.serverId = :server) or key.scope in (:all_scope, :managers_scope))",
                Parameters.with("server_scope", GrantScope.SERVER).and("server", serverId)
                        .and("all_scope", GrantScope.ALL_SERVERS).and("managers_scope", GrantScope.MANAGERS),
                ORDER, page, GroupGrantRepository::typed);
    }

    public Uni<List<GroupGrant>> onServer(String serverId) {
        return list("key.scope = ?1 and key.serverId = ?2", GrantScope.SERVER, serverId);
    }

    /** Deletes one grant with a query; see {@link VaultGrantRepository#deleteGrant}. */
    public Uni<Void> deleteGrant(GroupGrant.Key key) {
        return delete("key.groupId = ?1 and key.scope = ?2 and key.serverId = ?3", key.groupId, key.scope, key.serverId)
                .replaceWithVoid();
    }

    /** One page of every group grant, by group, scope, server ({@link #sortKey}). */
    public Uni<List<GroupGrant>> page(PageRequest page) {
        return Keyset.page(this, "1 = 1", new Parameters(), ORDER, page, GroupGrantRepository::typed);
    }

    private static List<Object> typed(List<String> key) {
        return List.of(key.get(0), scope(key.get(1)), key.get(2));
    }

    /** A scope out of a cursor: 400 when it names none (the cursor is not one this list gave out). */
    private static GrantScope scope(String name) {
        try {
            return GrantScope.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("invalid-cursor", "the cursor is not one this list gave out");
        }
    }
}

package dev.connectplane.access.service;

import dev.connectplane.access.mapping.AccessEventMapper;
import dev.connectplane.access.repository.AccountGroup;
import dev.connectplane.access.repository.AccountGroupRepository;
import dev.connectplane.access.repository.GroupGrant;
import dev.connectplane.access.repository.GroupGrantRepository;
import dev.connectplane.access.repository.KnownServer;
import dev.connectplane.access.repository.KnownServerRepository;
import dev.connectplane.contracts.access.GrantScope;
import dev.connectplane.contracts.envelope.Actor;
import dev.connectplane.foundation.authz.Authorizer;
import dev.connectplane.foundation.authz.CallerRights;
import dev.connectplane.foundation.caller.CallContext;
import dev.connectplane.foundation.outbox.OutboxWriter;
import dev.connectplane.foundation.paging.Page;
import dev.connectplane.foundation.paging.PageRequest;
import dev.connectplane.foundation.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who may manage servers. A grant is on one server, on all current and future servers (one
 * row, so later servers are covered with no new command), or makes the group a Secrets
 * Automation manager. The three are independent: revoking an all-servers grant leaves the
 * group's grants on single servers in place, and the reverse. Granting what exists changes
 * nothing; revoking what does not exist is a 404.
 */
@ApplicationScoped
public class GroupGrantService {

    private final DirectoryService directory;
    private final KnownServers servers;
    private final KnownServerRepository serverRepository;
    private final GroupGrantRepository grants;
    private final AccountGroupRepository groups;
    private final OutboxWriter outbox;
    private final Authorizer authorizer;

    public GroupGrantService(DirectoryService directory, KnownServers servers, KnownServerRepository serverRepository,
                             GroupGrantRepository grants, AccountGroupRepository groups, OutboxWriter outbox,
                             Authorizer authorizer) {
        this.authorizer = authorizer;
        this.directory = directory;
        this.servers = servers;
        this.serverRepository = serverRepository;
        this.grants = grants;
        this.groups = groups;
        this.outbox = outbox;
    }

    /** A grant with the names of its group and (for a server grant) its server. */
    public record GroupGrantView(GroupGrant grant, AccountGroup group, KnownServer server) {
    }

    /** Grants a group; only managers may. */
    public Uni<GrantOutcome<GroupGrantView>> grant(String groupReference, GroupGrantTarget target, CallContext context) {
        return requireManager(context.actor()).chain(() -> awaitServer(target)).chain(() -> Panache.withTransaction(() -> directory.findGroup(groupReference)
                .chain(group -> resolveServer(target).chain(server -> grant(group, target.scope(), server, context)))));
    }

    /** Grants inside the caller's transaction (also used by the bootstrap of the managers group). */
    public Uni<GrantOutcome<GroupGrantView>> grant(AccountGroup group, GrantScope scope, KnownServer server,
                                                   CallContext context) {
        GroupGrant.Key key = new GroupGrant.Key(group.id, scope, server == null ? null : server.id);
        return grants.findById(key).chain(existing -> {
            if (existing != null) {
                return Uni.createFrom().item(new GrantOutcome<>(new GroupGrantView(existing, group, server), false));
            }
            GroupGrant grant = new GroupGrant();
            grant.key = key;
            grant.grantedAt = OutboxWriter.now();
            return grants.persist(grant)
                    .call(saved -> outbox.append(AccessEventMapper.granted(saved, group), context))
                    .map(saved -> new GrantOutcome<>(new GroupGrantView(saved, group, server), true));
        });
    }

    /** Revokes a group grant; only managers may. */
    public Uni<Void> revoke(String groupReference, GroupGrantTarget target, CallContext context) {
        return requireManager(context.actor()).chain(() -> awaitServer(target)).chain(() -> Panache.withTransaction(() -> directory.findGroup(groupReference)
                .chain(group -> resolveServer(target).chain(server -> {
                    GroupGrant.Key key = new GroupGrant.Key(group.id, target.scope(), server == null ? null : server.id);
                    return grants.findById(key).chain(existing -> {
                        if (existing == null) {
                            throw new ProblemException(404, "group-grant-not-found", "Group grant not found",
                                    "group '" + group.name + "' has no grant " + describe(target.scope(), server),
                                    Map.of("group", group.id));
                        }
                        return grants.deleteGrant(existing.key)
                                .call(() -> outbox.append(AccessEventMapper.revoked(existing, group), context));
                    });
                }))));
    }

    /** Drops the grants on one server (it was deleted), one GroupRevoked each; inside the caller's transaction. */
    public Uni<Void> revokeAllOnServer(KnownServer server, CallContext context) {
        return grants.onServer(server.id).chain(all -> Multi.createFrom().iterable(all)
                .onItem().transformToUniAndConcatenate(grant -> groups.findById(grant.key.groupId)
                        .call(() -> grants.deleteGrant(grant.key))
                        .call(group -> outbox.append(AccessEventMapper.revoked(grant, group), context)))
                .collect().last().replaceWithVoid());
    }

    /** The groups that may manage a server: on it, on all servers, or as managers. */
    public Uni<Page<GroupGrantView>> groupsManaging(String serverReference, Actor actor, PageRequest page) {
        return Panache.withSession(() -> servers.findActive(serverReference)
                .call(server -> authorizer.requireServer(actor, server.id, serverReference))
                .chain(server -> grants.pageCovering(server.id, page))
                .map(rows -> Page.of(rows, page, GroupGrantRepository::sortKey))
                .chain(this::withNames));
    }

    /** What a group may manage, a page at a time. */
    public Uni<Page<GroupGrantView>> grantsOf(String groupReference, Actor actor, PageRequest page) {
        return requireManager(actor).chain(() -> Panache.withSession(() -> directory.findGroup(groupReference)
                .chain(group -> grants.pageOfGroup(group.id, page))
                .map(rows -> Page.of(rows, page, GroupGrantRepository::sortKeyInGroup))
                .chain(this::withNames)));
    }

    /** Every group grant, a page at a time. */
    public Uni<Page<GroupGrantView>> all(Actor actor, PageRequest page) {
        return requireManager(actor).chain(() -> Panache.withSession(() -> grants.page(page)
                .map(rows -> Page.of(rows, page, GroupGrantRepository::sortKey))
                .chain(this::withNames)));
    }

    private Uni<CallerRights> requireManager(Actor actor) {
        return authorizer.requireManager(actor, "see, grant and revoke group grants");
    }

    /** The page's grants with their groups' and servers' names: two queries for the whole page. */
    private Uni<Page<GroupGrantView>> withNames(Page<GroupGrant> found) {
        Set<String> groupIds = found.items().stream().map(grant -> grant.key.groupId).collect(Collectors.toSet());
        Set<String> serverIds = found.items().stream().map(GroupGrant::serverIdOrNull).filter(Objects::nonNull)
                .collect(Collectors.toSet());
        return groups.byIds(groupIds)
                .chain(groupsById -> serverRepository.byIds(serverIds)
                        .map(serversById -> found.map(rows -> rows.stream()
                                .map(grant -> new GroupGrantView(grant, groupsById.get(grant.key.groupId),
                                        grant.serverIdOrNull() == null ? null : serversById.get(grant.key.serverId)))
                                .toList())));
    }

    private Uni<Void> awaitServer(GroupGrantTarget target) {
        return target.scope() == GrantScope.SERVER ? servers.awaitKnown(target.serverReference())
                : Uni.createFrom().voidItem();
    }

    private Uni<KnownServer> resolveServer(GroupGrantTarget target) {
        if (target.scope() != GrantScope.SERVER) {
            return Uni.createFrom().nullItem();
        }
        return servers.findActiveForUpdate(target.serverReference());
    }

    private static String describe(GrantScope scope, KnownServer server) {
        return switch (scope) {
            case SERVER -> "on server '" + server.name + "'";
            case ALL_SERVERS -> "on all servers";
            case MANAGERS -> "as a Secrets Automation manager";
        };
    }
}

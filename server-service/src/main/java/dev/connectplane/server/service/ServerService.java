package dev.connectplane.server.service;

import dev.connectplane.contracts.envelope.Actor;
import dev.connectplane.foundation.authz.Authorizer;
import dev.connectplane.foundation.authz.CallerRights;
import dev.connectplane.foundation.caller.CallContext;
import dev.connectplane.foundation.ids.IdGenerator;
import dev.connectplane.foundation.names.Names;
import dev.connectplane.foundation.outbox.OutboxWriter;
import dev.connectplane.foundation.paging.Page;
import dev.connectplane.foundation.paging.PageRequest;
import dev.connectplane.foundation.persistence.PersistenceFailures;
import dev.connectplane.foundation.problem.ProblemException;
import dev.connectplane.server.mapping.ServerEventMapper;
import dev.connectplane.server.repository.Server;
import dev.connectplane.server.repository.ServerRepository;
import dev.connectplane.server.repository.ServerState;
import dev.connectplane.server.repository.ServerVaultRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * The server commands. Each runs in one transaction that changes the server and appends its
 * event to the outbox, so both commit or neither does. Checks come first: nothing is written
 * for a request that breaks a rule.
 */
@ApplicationScoped
public class ServerService {

    private final ServerRepository servers;
    private final ServerLookup lookup;
    private final VaultResolver vaultResolver;
    private final OutboxWriter outbox;
    private final Authorizer authorizer;
    private final ServerVaultRepository serverVaults;

    public ServerService(ServerRepository servers, ServerLookup lookup, VaultResolver vaultResolver,
                         OutboxWriter outbox, Authorizer authorizer, ServerVaultRepository serverVaults) {
        this.servers = servers;
        this.serverVaults = serverVaults;
        this.lookup = lookup;
        this.vaultResolver = vaultResolver;
        this.outbox = outbox;
        this.authorizer = authorizer;
    }

    /**
     * Creates a server with the requested vaults; its credential secret is returned here and never
     * again. Only managers may create servers.
     */
    public Uni<CreatedServer> create(String requestedName, List<String> vaultReferences, CallContext context) {
        Actor actor = context.actor();
        String name = Names.validate("server", requestedName);
        List<String> references = vaultReferences == null ? List.of() : vaultReferences;
        String secret = Credentials.newSecret();
        // No read-before-write for the name: the partial unique index decides, and its
        // violation is answered as a conflict (one round trip less per create).
        return Panache.withTransaction(() -> authorizer.requireManager(actor, "create servers")
                        .chain(() -> vaultResolver.resolve(references))
                        .chain(vaults -> {
                            Server server = newServer(name, actor.id(), Credentials.hash(secret));
                            return servers.persistAndFlush(server)
                                    .call(saved -> outbox.append(ServerEventMapper.created(saved, vaults), context))
                                    .map(saved -> new CreatedServer(saved, vaults, secret));
                        }))
                .onFailure(PersistenceFailures::isUniqueViolation).transform(e -> nameTaken(name));
    }

    /** The server, if the caller may manage it; otherwise the same 404 as a server that does not exist. */
    public Uni<Server> get(String reference, Actor actor) {
        return Panache.withSession(() -> findManaged(reference, actor));
    }

    /** One page of the active servers the caller may manage, by name, each with its vaults: only those are read. */
    public Uni<Page<ListedServer>> list(Actor actor, PageRequest page) {
        return authorizer.rightsOf(actor)
                .chain(rights -> Panache.withSession(() -> pageOf(rights, page)
                        .map(rows -> Page.of(rows, page, ServerRepository::sortKey))
                        .chain(this::withVaults)));
    }

    /** The server with its vaults, as get, rename and list answer it. */
    public Uni<ListedServer> withVaults(Server server) {
        return serverVaults.vaultsOf(List.of(server.id))
                .map(vaults -> new ListedServer(server, vaults.getOrDefault(server.id, List.of())));
    }

    private Uni<List<Server>> pageOf(CallerRights rights, PageRequest page) {
        return rights.seesEveryServer()
                ? servers.pageOfActive(page)
                : servers.pageOfActiveAmong(rights.serverIds(), page);
    }

    /** The vaults of every server of the page, in one query. */
    private Uni<Page<ListedServer>> withVaults(Page<Server> page) {
        return serverVaults.vaultsOf(page.items().stream().map(server -> server.id).toList())
                .map(vaults -> page.map(rows -> rows.stream()
                        .map(server -> new ListedServer(server, vaults.getOrDefault(server.id, List.of())))
                        .toList()));
    }

    /** Renames a server; renaming to its current name changes nothing and publishes nothing. */
    public Uni<Server> rename(String reference, String requestedName, CallContext context) {
        Actor actor = context.actor();
        String name = Names.validate("server", requestedName);
        return Panache.withTransaction(() -> findManaged(reference, actor).chain(server -> {
                    if (server.name.equals(name)) {
                        return Uni.createFrom().item(server);
                    }
                    String oldName = server.name;
                    return ensureNameFree(name, server.id).chain(() -> {
                        server.name = name;
                        return servers.persistAndFlush(server)
                                .call(saved -> outbox.append(ServerEventMapper.renamed(saved, oldName), context));
                    });
                }))
                .onFailure(PersistenceFailures::isUniqueViolation).transform(e -> nameTaken(name))
                .onFailure(PersistenceFailures::isConcurrentUpdate).transform(e -> concurrentUpdate());
    }

    /** Deletes a server: it disappears from get and list, its name is free again, its ID is never reused. */
    public Uni<Server> delete(String reference, CallContext context) {
        Actor actor = context.actor();
        return Panache.withTransaction(() -> findManaged(reference, actor).chain(server -> {
                    server.state = ServerState.DELETED;
                    server.deletedAt = OutboxWriter.now();
                    return servers.persistAndFlush(server)
                            .call(saved -> outbox.append(ServerEventMapper.deleted(saved), context));
                }))
                .onFailure(PersistenceFailures::isConcurrentUpdate).transform(e -> concurrentUpdate());
    }

    private Uni<Server> findManaged(String reference, Actor actor) {
        return lookup.find(reference)
                .call(server -> authorizer.requireServer(actor, server.id, reference));
    }

    private Uni<Void> ensureNameFree(String name, String exceptServerId) {
        return servers.findActiveByName(name).map(found -> {
            if (found.stream().anyMatch(s -> !s.id.equals(exceptServerId))) {
                throw nameTaken(name);
            }
            return null;
        });
    }

    private static Server newServer(String name, String creatorId, String credentialHash) {
        Server server = new Server();
        server.id = IdGenerator.newId();
        server.name = name;
        server.state = ServerState.ACTIVE;
        server.createdAt = OutboxWriter.now();
        server.creatorId = creatorId;
        server.tokensVersion = 1;
        server.credentialHash = credentialHash;
        return server;
    }

    private static ProblemException nameTaken(String name) {
        return ProblemException.conflict("server-name-taken", "Server name taken",
                "an active server is already named '" + name + "' (names are unique, ignoring case)");
    }

    private static ProblemException concurrentUpdate() {
        return ProblemException.conflict("concurrent-update", "Concurrent update",
                "the server was changed by another request at the same time; retry");
    }
}

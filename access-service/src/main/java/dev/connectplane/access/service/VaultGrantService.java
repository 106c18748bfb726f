package dev.connectplane.access.service;

import dev.connectplane.access.mapping.AccessEventMapper;
import dev.connectplane.access.repository.KnownServer;
import dev.connectplane.access.repository.Vault;
import dev.connectplane.access.repository.VaultGrant;
import dev.connectplane.access.repository.VaultGrantRepository;
import dev.connectplane.access.repository.VaultRepository;
import dev.connectplane.contracts.access.VaultRevocationReason;
import dev.connectplane.contracts.envelope.Actor;
import dev.connectplane.foundation.authz.Authorizer;
import dev.connectplane.foundation.caller.CallContext;
import dev.connectplane.foundation.outbox.OutboxWriter;
import dev.connectplane.foundation.paging.Page;
import dev.connectplane.foundation.paging.PageRequest;
import dev.connectplane.foundation.problem.ProblemException;
import dev.connectplane.foundation.wait.CallerWaits;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;

/**
 * A server's access to vaults. Granting what is granted changes nothing (answered as such,
 * no event); revoking what is not granted is a 404. Protected vaults are refused with 422.
 */
@ApplicationScoped
public class VaultGrantService {

    private final KnownServers servers;
    private final DirectoryService directory;
    private final VaultGrantRepository grants;
    private final VaultRepository vaults;
    private final OutboxWriter outbox;
    private final Authorizer authorizer;
    private final CallerWaits waits;

    public VaultGrantService(KnownServers servers, DirectoryService directory, VaultGrantRepository grants,
                             VaultRepository vaults, OutboxWriter outbox, Authorizer authorizer, CallerWaits waits) {
        this.servers = servers;
        this.directory = directory;
        this.grants = grants;
        this.vaults = vaults;
        this.outbox = outbox;
        this.authorizer = authorizer;
        this.waits = waits;
    }

    /** A granted vault with its server, as the API shows it. */
    public record GrantedVault(KnownServer server, Vault vault, VaultGrant grant) {
    }

    public Uni<GrantOutcome<GrantedVault>> grant(String serverReference, String vaultReference, CallContext context) {
        Actor actor = context.actor();
        return awaitKnown(serverReference, actor).chain(() -> Panache.withTransaction(() ->
                managedForUpdate(serverReference, actor).chain(server -> directory.findVault(vaultReference)
                        .chain(vault -> grant(server, vault, context)))));
    }

    /** Grants inside the caller's transaction, the server row already locked. */
    public Uni<GrantOutcome<GrantedVault>> grant(KnownServer server, Vault vault, CallContext context) {
        refuseProtected(vault);
        VaultGrant.Key key = new VaultGrant.Key(server.id, vault.id);
        return grants.findById(key).chain(existing -> {
            if (existing != null) {
                return Uni.createFrom().item(new GrantOutcome<>(new GrantedVault(server, vault, existing), false));
            }
            VaultGrant grant = new VaultGrant();
            grant.key = key;
            grant.grantedAt = OutboxWriter.now();
            return grants.persist(grant)
                    .call(() -> outbox.append(AccessEventMapper.granted(server.id, vault), context))
                    .map(saved -> new GrantOutcome<>(new GrantedVault(server, vault, saved), true));
        });
    }

    public Uni<Void> revoke(String serverReference, String vaultReference, CallContext context) {
        Actor actor = context.actor();
        return awaitKnown(serverReference, actor).chain(() -> Panache.withTransaction(() ->
                managedForUpdate(serverReference, actor).chain(server -> directory.findVault(vaultReference).chain(vault ->
                        grants.findById(new VaultGrant.Key(server.id, vault.id)).chain(existing -> {
                            if (existing == null) {
                                throw new ProblemException(404, "vault-grant-not-found", "Vault not granted",
                                        "server '" + server.name + "' has no access to vault '" + vault.name + "'",
                                        Map.of("server", server.id, "vault", vault.id));
                            }
                            return grants.deleteGrant(existing.key).call(() -> outbox.append(
                                    AccessEventMapper.revoked(server.id, vault, VaultRevocationReason.REVOKED),
                                    context));
                        })))));
    }

    /** Drops every vault grant of a server (it was deleted), one VaultRevoked each; inside the caller's transaction. */
    public Uni<Void> revokeAll(KnownServer server, CallContext context) {
        return grants.ofServer(server.id).chain(all -> Multi.createFrom().iterable(all)
                .onItem().transformToUniAndConcatenate(grant -> vaults.findById(grant.key.vaultId)
                        .call(() -> grants.deleteGrant(grant.key))
                        .call(vault -> outbox.append(
                                AccessEventMapper.revoked(server.id, vault, VaultRevocationReason.SERVER_DELETED),
                                context)))
                .collect().last().replaceWithVoid());
    }

    /** The vaults of a server, by name, a page at a time: one query reads the page's grants with their vaults. */
    public Uni<Page<GrantedVault>> vaultsOf(String serverReference, Actor actor, PageRequest page) {
        return Panache.withSession(() -> servers.findActive(serverReference)
                .call(server -> authorizer.requireServer(actor, server.id, serverReference))
                .chain(server -> grants.pageOfServer(server.id, page)
                        .map(rows -> Page.of(rows, page, VaultGrantRepository::sortKey))
                        .map(found -> found.map(rows -> rows.stream()
                                .map(row -> new GrantedVault(server, row.vault(), row.grant()))
                                .toList()))));
    }

    /** Waits for a server not heard of yet only for a caller who could manage it ({@link CallerWaits}). */
    private Uni<Void> awaitKnown(String serverReference, Actor actor) {
        return waits.forServer(actor, serverReference, () -> servers.awaitKnown(serverReference));
    }

    /** The server, locked, if the caller may manage it; otherwise the 404 of an unknown server. */
    private Uni<KnownServer> managedForUpdate(String serverReference, Actor actor) {
        return servers.findActiveForUpdate(serverReference)
                .call(server -> authorizer.requireServer(actor, server.id, serverReference));
    }

    private static void refuseProtected(Vault vault) {
        if (vault.vaultType.isProtectedFromServers()) {
            throw new ProblemException(422, "protected-vault", "Vault cannot be granted to a server",
                    "the built-in Personal, Private and Employee vaults and the default Shared vault can never be "
                            + "granted to a Connect server: " + vault.name + " (" + vault.vaultType.wireName() + ")",
                    Map.of("vaults", List.of(vault.name + " (" + vault.vaultType.wireName() + ")")));
        }
    }
}

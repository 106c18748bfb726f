package dev.connectplane.token.service;

import dev.connectplane.contracts.common.VaultRef;
import dev.connectplane.contracts.common.VaultScope;
import dev.connectplane.contracts.envelope.EventPayload;
import dev.connectplane.contracts.token.TokenRevocationReason;
import dev.connectplane.foundation.caller.CallContext;
import dev.connectplane.foundation.outbox.OutboxWriter;
import dev.connectplane.token.mapping.TokenEventMapper;
import dev.connectplane.token.repository.KnownServer;
import dev.connectplane.token.repository.KnownServerRepository;
import dev.connectplane.token.repository.RequestedVaultRepository;
import dev.connectplane.token.repository.ServerVault;
import dev.connectplane.token.repository.ServerVaultRepository;
import dev.connectplane.token.repository.TokenRepository;
import dev.connectplane.token.repository.TokenVault;
import dev.connectplane.token.repository.TokenVaultRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * What other services' events do to tokens, each inside the consumed event's transaction:
 * the server and vault projections, the revocation of every token of a deleted server and the
 * trimming of a revoked vault from every token of its server. Both cascades work with one
 * statement over the server's tokens and write their events with multi-row outbox inserts, so
 * a server with 10,000 tokens is one transaction of a few statements.
 */
@ApplicationScoped
public class TokenCascades {

    private static final Logger LOG = Logger.getLogger(TokenCascades.class);

    private final KnownServerRepository servers;
    private final ServerVaultRepository serverVaults;
    private final TokenVaultRepository tokenVaults;
    private final RequestedVaultRepository requestedVaultsOnTheirWay;
    private final OutboxWriter outbox;
    private final TokenRepository tokens;

    public TokenCascades(KnownServerRepository servers, ServerVaultRepository serverVaults,
                         TokenVaultRepository tokenVaults, RequestedVaultRepository requestedVaults, OutboxWriter outbox,
                         TokenRepository tokens) {
        this.servers = servers;
        this.requestedVaultsOnTheirWay = requestedVaults;
        this.serverVaults = serverVaults;
        this.tokenVaults = tokenVaults;
        this.outbox = outbox;
        this.tokens = tokens;
    }

    /**
     * Records a new server (active) with its credential verifier, and the vaults it was created
     * with as on their way until their grants arrive.
     */
    public Uni<Void> serverCreated(String serverId, String name, String credentialVerifier, List<VaultRef> requestedVaults,
                                   CacheInvalidation changed) {
        return servers.findForUpdate(serverId).chain(existing -> {
            if (existing != null && !existing.isActive()) {
                return Uni.createFrom().voidItem();
            }
            return recordServer(existing, serverId, name, credentialVerifier, changed)
                    .call(() -> requestedVaultsOnTheirWay.requested(serverId, requestedVaults, OutboxWriter.now()));
        });
    }

    private Uni<Void> recordServer(KnownServer existing, String serverId, String name, String credentialVerifier,
                                   CacheInvalidation changed) {
        KnownServer server = existing != null ? existing : new KnownServer();
        server.id = serverId;
        server.name = name;
        server.state = KnownServer.ACTIVE;
        server.credentialVerifier = credentialVerifier;
        server.updatedAt = OutboxWriter.now();
        changed.server(serverId);
        return servers.persist(server).replaceWithVoid();
    }

    public Uni<Void> serverRenamed(String serverId, String newName) {
        return servers.findForUpdate(serverId).chain(server -> {
            if (server == null) {
                return Uni.createFrom().voidItem();
            }
            server.name = newName;
            server.updatedAt = OutboxWriter.now();
            return servers.persist(server).replaceWithVoid();
        });
    }

    /**
     * The server is deleted: its credentials stop working, it has no vaults any more, and every
     * active token is revoked (SERVER_DELETED). Publishes one SERVER_DELETED access change, then a
     * TokenRevoked and a TOKEN_REVOKED access change per token.
     */
    public Uni<Void> serverDeleted(String serverId, String name, CallContext context, CacheInvalidation changed) {
        OffsetDateTime now = OutboxWriter.now();
        long started = System.nanoTime();
        return servers.findForUpdate(serverId).chain(existing -> {
                    KnownServer server = existing != null ? existing : new KnownServer();
                    boolean wasDeleted = existing != null && !existing.isActive();
                    server.id = serverId;
                    server.name = existing != null ? existing.name : name;
                    server.state = KnownServer.DELETED;
                    server.updatedAt = now;
                    changed.server(serverId);
                    return servers.persist(server).replaceWith(wasDeleted);
                })
                .call(() -> serverVaults.deleteAllOf(serverId))
                .call(() -> requestedVaultsOnTheirWay.settledAll(serverId))
                .chain(wasDeleted -> tokens.revokeAllOfServer(serverId, now)
                        .chain(revoked -> {
                            LOG.debugf("server %s deleted: %d tokens revoked %d ms into the cascade", serverId,
                                    revoked.size(), (System.nanoTime() - started) / 1_000_000);
                            changed.tokens(revoked);
                            List<EventPayload> events = new ArrayList<>(1 + 2 * revoked.size());
                            if (!wasDeleted) {
                                events.add(TokenEventMapper.serverDeletedChange(serverId, now));
                            }
                            for (String tokenId : revoked) {
                                events.add(TokenEventMapper.revoked(tokenId, serverId, TokenRevocationReason.SERVER_DELETED, now));
                                events.add(TokenEventMapper.revokedChange(tokenId, serverId, TokenRevocationReason.SERVER_DELETED, now));
                            }
                            return outbox.appendAll(events, context);
                        }));
    }

    public Uni<Void> vaultGranted(String serverId, String vaultId, String vaultName) {
        ServerVault.Key key = new ServerVault.Key(serverId, vaultId);
        return serverVaults.findById(key).chain(existing -> {
            ServerVault vault = existing != null ? existing : new ServerVault();
            vault.key = key;
            vault.vaultName = vaultName;
            return serverVaults.persist(vault).replaceWithVoid();
        }).call(() -> requestedVaultsOnTheirWay.settled(serverId, vaultId));
    }

    /**
     * The server lost the vault: it leaves the projection and is trimmed for good from every
     * active token of the server, with a TokenScopeTrimmed and a TOKEN_SCOPE_TRIMMED access
     * change per token (carrying the vaults the token keeps).
     */
    public Uni<Void> vaultRevoked(String serverId, String vaultId, String vaultName, String reason, CallContext context,
                                  CacheInvalidation changed) {
        OffsetDateTime now = OutboxWriter.now();
        return servers.findForUpdate(serverId)
                .call(() -> serverVaults.deleteGrant(serverId, vaultId))
                .call(() -> requestedVaultsOnTheirWay.settled(serverId, vaultId))
                .chain(() -> tokenVaults.trimFromActiveTokens(serverId, vaultId, now))
                .chain(trimmed -> {
                    changed.tokens(trimmed);
                    return tokenVaults.ofActiveTokensOfServer(serverId, trimmed).chain(scopes -> outbox.appendAll(
                            trimEvents(serverId, vaultId, vaultName, reason, trimmed, scopes, now), context));
                });
    }

    private static List<EventPayload> trimEvents(String serverId, String vaultId, String vaultName, String reason,
                                                 List<String> trimmed, Map<String, List<TokenVault>> scopes,
                                                 OffsetDateTime now) {
        List<EventPayload> events = new ArrayList<>(2 * trimmed.size());
        for (String tokenId : trimmed) {
            List<VaultScope> remaining = TokenEventMapper.scopes(scopes.getOrDefault(tokenId, List.of()));
            events.add(TokenEventMapper.trimmed(tokenId, serverId, vaultId, vaultName, remaining));
            events.add(TokenEventMapper.trimmedChange(tokenId, serverId, vaultId, remaining, reason, now));
        }
        return events;
    }
}

package dev.connectplane.token.service;

import dev.connectplane.contracts.envelope.Actor;
import dev.connectplane.contracts.token.TokenRevocationReason;
import dev.connectplane.foundation.authz.Authorizer;
import dev.connectplane.foundation.caller.CallContext;
import dev.connectplane.foundation.ids.IdGenerator;
import dev.connectplane.foundation.names.Names;
import dev.connectplane.foundation.outbox.OutboxWriter;
import dev.connectplane.foundation.paging.Page;
import dev.connectplane.foundation.paging.PageRequest;
import dev.connectplane.foundation.problem.ProblemException;
import dev.connectplane.foundation.secrets.SecretHashes;
import dev.connectplane.token.introspection.IntrospectionCache;
import dev.connectplane.token.keys.KeyRing;
import dev.connectplane.token.keys.SigningKeys;
import dev.connectplane.token.keys.TokenJwts;
import dev.connectplane.token.mapping.TokenEventMapper;
import dev.connectplane.token.repository.KnownServer;
import dev.connectplane.token.repository.KnownServerRepository;
import dev.connectplane.token.repository.ServerVault;
import dev.connectplane.token.repository.ServerVaultRepository;
import dev.connectplane.token.repository.Token;
import dev.connectplane.token.repository.TokenRepository;
import dev.connectplane.token.repository.TokenState;
import dev.connectplane.token.repository.TokenVault;
import dev.connectplane.token.repository.TokenVaultRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Creates, lists, renames and deletes tokens. A token gets only vaults its server has now; the
 * JWT is returned once and only its SHA-256 is kept. Each change and its events (on
 * {@code connect.tokens.events} and {@code connect.access-changes}) commit together.
 */
@ApplicationScoped
public class TokenService {

    /** How many of a token's last characters are kept to tell tokens apart in lists. */
    static final int DISPLAYED_CHARACTERS = 6;

    private final TokenLookup lookup;
    private final ProjectionWait projectionWait;
    private final KnownServerRepository servers;
    private final ServerVaultRepository serverVaults;
    private final TokenRepository tokens;
    private final TokenVaultRepository tokenVaults;
    private final SigningKeys keys;
    private final TokenJwts jwts;
    private final OutboxWriter outbox;
    private final IntrospectionCache cache;
    private final Authorizer authorizer;

    public TokenService(TokenLookup lookup, ProjectionWait projectionWait, KnownServerRepository servers,
                        ServerVaultRepository serverVaults, TokenRepository tokens, TokenVaultRepository tokenVaults,
                        SigningKeys keys, TokenJwts jwts, OutboxWriter outbox, IntrospectionCache cache,
                        Authorizer authorizer) {
        this.authorizer = authorizer;
        this.lookup = lookup;
        this.projectionWait = projectionWait;
        this.servers = servers;
        this.serverVaults = serverVaults;
        this.tokens = tokens;
        this.tokenVaults = tokenVaults;
        this.keys = keys;
        this.jwts = jwts;
        this.outbox = outbox;
        this.cache = cache;
    }

    /**
     * Waits for a server or vault not yet projected, then issues the token; a refusal for a server
     * or vault still on its way becomes {@code NotYetAvailable} (503, or a retried command).
     */
    public Uni<IssuedToken> create(CreateTokenCommand command, CallContext context) {
        Actor actor = context.actor();
        Instant asked = Instant.now();
        return projectionWait.awaitServerAndVaults(actor, command.server(), command.vaultReferences())
                .chain(() -> issueInTransaction(command, context))
                .onFailure(ProjectionWait::mayBeLate)
                .recoverWithUni(refusal -> projectionWait.lateOrRefused(actor, command.server(), command.vaultReferences(),
                        asked, refusal, () -> issueInTransaction(command, context)));
    }

    private Uni<IssuedToken> issueInTransaction(CreateTokenCommand command, CallContext context) {
        return Panache.withTransaction(() -> issueFor(command, context));
    }

    private Uni<IssuedToken> issueFor(CreateTokenCommand command, CallContext context) {
        return lookup.managedServerForShare(command.server(), context.actor())
                .chain(server -> serverVaults.ofServer(server.id)
                        .chain(granted -> issue(command, server, resolve(command, server, granted), context)));
    }

    private Uni<IssuedToken> issue(CreateTokenCommand command, KnownServer server, List<TokenVault> scopes,
                                   CallContext context) {
        Actor actor = context.actor();
        KeyRing ring = keys.ring();
        Token token = new Token();
        token.id = IdGenerator.newId();
        token.serverId = server.id;
        token.name = command.name();
        token.state = TokenState.ACTIVE;
        token.createdAt = OutboxWriter.now();
        token.expiresAt = command.expiresIn() == null ? null : token.createdAt.plus(command.expiresIn());
        token.keyId = ring.activeKid();
        scopes.forEach(scope -> scope.key.tokenId = token.id);
        String jwt = jwts.sign(ring, token.id, server.id, TokenEventMapper.scopes(scopes), token.createdAt, token.expiresAt);
        token.secretHash = SecretHashes.sha256Hex(jwt);
        token.secretTail = jwt.substring(jwt.length() - DISPLAYED_CHARACTERS);
        return tokens.persist(token)
                .call(() -> tokenVaults.persist(scopes))
                .call(() -> outbox.append(TokenEventMapper.issued(token, scopes), context))
                .call(() -> outbox.append(TokenEventMapper.issuedChange(token, scopes), context))
                .map(saved -> new IssuedToken(saved, server, scopes, jwt));
    }

    /** Matches each requested vault to one the server has now; refuses the request naming every missing one. */
    private static List<TokenVault> resolve(CreateTokenCommand command, KnownServer server, List<ServerVault> granted) {
        Map<String, ServerVault> byId = granted.stream().collect(Collectors.toMap(ServerVault::vaultId, Function.identity()));
        List<String> missing = new ArrayList<>();
        List<TokenVault> scopes = new ArrayList<>();
        for (VaultSpec spec : command.vaults()) {
            ServerVault vault = byId.get(spec.vault());
            if (vault == null) {
                List<ServerVault> named = granted.stream()
                        .filter(candidate -> candidate.vaultName.equalsIgnoreCase(spec.vault())).toList();
                if (named.size() > 1) {
                    throw ProblemException.ambiguous("vault", spec.vault(), named.stream().map(ServerVault::vaultId).toList());
                }
                vault = named.isEmpty() ? null : named.get(0);
            }
            if (vault == null) {
                missing.add(spec.vault());
                continue;
            }
            TokenVault scope = new TokenVault();
            scope.key = new TokenVault.Key(null, vault.vaultId());
            scope.vaultName = vault.vaultName;
            scope.canRead = spec.read();
            scope.canWrite = spec.write();
            if (scopes.stream().anyMatch(existing -> existing.key.vaultId.equals(scope.key.vaultId))) {
                throw ProblemException.badRequest("duplicate-vault", "vault '" + vault.vaultName
                        + "' is named more than once (by name and by ID): give each vault once");
            }
            scopes.add(scope);
        }
        if (!missing.isEmpty()) {
            throw new ProblemException(422, "vault-not-granted", "Server lacks vaults",
                    "server '" + server.name + "' has no access to " + String.join(", ", missing)
                            + "; a token gets only vaults its server has (grant them first)",
                    Map.of("server", server.id, "vaults", missing));
        }
        scopes.sort(Comparator.comparing((TokenVault scope) -> scope.vaultName.toLowerCase(Locale.ROOT)));
        return scopes;
    }

    public Uni<IssuedToken> get(String serverReference, String tokenReference, Actor actor) {
        return Panache.withSession(() -> lookup.managedServer(serverReference, actor)
                .chain(server -> lookup.token(server, tokenReference)
                        .chain(token -> tokenVaults.ofToken(token.id).map(vaults -> new IssuedToken(token, server, vaults, null)))));
    }

    /** One page of a server's tokens, active and revoked, oldest first; the server may be deleted. */
    public Uni<Page<IssuedToken>> listOf(String serverReference, Actor actor, PageRequest page) {
        return Panache.withSession(() -> lookup.managedServerInAnyState(serverReference, actor)
                .chain(server -> tokens.pageOfServer(server.id, page)
                        .map(rows -> Page.of(rows, page, TokenRepository::sortKeyInServer))
                        .chain(found -> withVaults(found, Map.of(server.id, server)))));
    }

    /**
     * One page of every token, active and revoked, of every server the caller may manage, by
     * server. A caller who sees every server also sees the tokens of deleted servers (revoked,
     * {@code server_deleted}); a caller who may not manage every server has only its active
     * servers and their tokens read. Each page reads its tokens, their servers and their vaults:
     * three queries, whatever the page's size.
     */
    public Uni<Page<IssuedToken>> listAll(Actor actor, PageRequest page) {
        return authorizer.rightsOf(actor).chain(rights -> Panache.withSession(() -> rights.seesEveryServer()
                ? everyServersTokens(page)
                : managedServersTokens(rights.serverIds(), page)));
    }

    private Uni<Page<IssuedToken>> everyServersTokens(PageRequest page) {
        return tokens.pageOfAll(page)
                .map(rows -> Page.of(rows, page, TokenRepository::sortKey))
                .chain(found -> servers.among(serverIdsOf(found))
                        .chain(known -> withVaults(found, byId(known))));
    }

    private Uni<Page<IssuedToken>> managedServersTokens(Set<String> serverIds, PageRequest page) {
        return servers.activeAmong(serverIds)
                .map(TokenService::byId)
                .chain(managed -> tokens.pageOfServers(managed.keySet(), page)
                        .map(rows -> Page.of(rows, page, TokenRepository::sortKey))
                        .chain(found -> withVaults(found, managed)));
    }

    private static Set<String> serverIdsOf(Page<Token> page) {
        return page.items().stream().map(token -> token.serverId).collect(Collectors.toSet());
    }

    private static Map<String, KnownServer> byId(List<KnownServer> servers) {
        return servers.stream().collect(Collectors.toMap(s -> s.id, Function.identity()));
    }

    /** The page's tokens with their servers and vaults (one query for the vaults of the whole page). */
    private Uni<Page<IssuedToken>> withVaults(Page<Token> page, Map<String, KnownServer> servers) {
        return tokenVaults.ofTokens(page.items().stream().map(token -> token.id).toList())
                .map(vaults -> page.map(rows -> rows.stream().map(token -> new IssuedToken(token, servers.get(token.serverId),
                        vaults.getOrDefault(token.id, List.of()), null)).toList()));
    }


    public Uni<IssuedToken> rename(String serverReference, String tokenReference, String newName, CallContext context) {
        String name = Names.validate("token", newName);
        return Panache.withTransaction(() -> lookup.managedServerForUpdate(serverReference, context.actor())
                .chain(server -> lookup.token(server, tokenReference).chain(token -> {
                    requireActive(token, "renamed");
                    if (token.name.equals(name)) {
                        return tokenVaults.ofToken(token.id).map(vaults -> new IssuedToken(token, server, vaults, null));
                    }
                    String oldName = token.name;
                    token.name = name;
                    return tokens.persist(token)
                            .call(saved -> outbox.append(TokenEventMapper.renamed(saved, oldName), context))
                            .chain(saved -> tokenVaults.ofToken(saved.id).map(vaults -> new IssuedToken(saved, server, vaults, null)));
                })));
    }

    /** Revokes the token (reason DELETED); it stays listed as revoked. Answers the token's ID. */
    public Uni<String> delete(String serverReference, String tokenReference, CallContext context) {
        return Panache.withTransaction(() -> lookup.managedServerForUpdate(serverReference, context.actor())
                        .chain(server -> lookup.token(server, tokenReference).chain(token -> {
                            requireActive(token, "deleted");
                            OffsetDateTime now = OutboxWriter.now();
                            token.state = TokenState.REVOKED;
                            token.revokeReason = TokenRevocationReason.DELETED;
                            token.revokedAt = now;
                            return tokens.persist(token)
                                    .call(saved -> outbox.append(TokenEventMapper.revoked(saved.id, saved.serverId,
                                            TokenRevocationReason.DELETED, now), context))
                                    .call(saved -> outbox.append(TokenEventMapper.revokedChange(saved.id, saved.serverId,
                                            TokenRevocationReason.DELETED, now), context));
                        })))
                .invoke(revoked -> cache.invalidateToken(revoked.id))
                .map(revoked -> revoked.id);
    }

    private static void requireActive(Token token, String action) {
        if (!token.isActive()) {
            throw new ProblemException(409, "token-revoked", "Token is revoked",
                    "token '" + token.name + "' (" + token.id + ") was revoked at " + token.revokedAt
                            + " and cannot be " + action, Map.of("token", token.id));
        }
    }
}

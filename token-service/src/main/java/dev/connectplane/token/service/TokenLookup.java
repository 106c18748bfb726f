package dev.connectplane.token.service;

import dev.connectplane.contracts.envelope.Actor;
import dev.connectplane.foundation.authz.Authorizer;
import dev.connectplane.foundation.lookup.IdOrName;
import dev.connectplane.foundation.problem.ProblemException;
import dev.connectplane.token.repository.KnownServer;
import dev.connectplane.token.repository.KnownServerRepository;
import dev.connectplane.token.repository.Token;
import dev.connectplane.token.repository.TokenRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;

/**
 * Finds servers and tokens by ID or name, with the not-found and ambiguity rules of servers:
 * an ID is the fast path; a name matching several objects is a 409 that lists their IDs. A
 * token is looked up within its server. A token name matches active tokens first, and only
 * when none is active the revoked ones, so that reusing the name of a deleted token works.
 */
@ApplicationScoped
public class TokenLookup {

    private final KnownServerRepository servers;
    private final TokenRepository tokens;

    private final Authorizer authorizer;

    public TokenLookup(KnownServerRepository servers, TokenRepository tokens, Authorizer authorizer) {
        this.authorizer = authorizer;
        this.servers = servers;
        this.tokens = tokens;
    }

    /** The active server, unlocked. */
    public Uni<KnownServer> activeServer(String reference) {
        return IdOrName.find("server", reference, servers::findById, servers::findActiveByName, s -> s.id)
                .map(server -> requireActive(server, reference));
    }

    /** The active server, locked until the transaction ends; must run inside one. */
    public Uni<KnownServer> activeServerForUpdate(String reference) {
        return activeServer(reference).chain(server -> servers.findForUpdate(server.id))
                .map(server -> requireActive(server, reference));
    }

    /** The active server, if the caller may manage it; otherwise the 404 of a server that does not exist. */
    public Uni<KnownServer> managedServer(String reference, Actor actor) {
        return activeServer(reference).call(server -> authorizer.requireServer(actor, server.id, reference));
    }

    /**
     * The server in any state, if the caller may manage it: by ID also a deleted one (its tokens
     * stay listed, revoked), by name only an active one. Otherwise the 404 of a server that does
     * not exist.
     */
    public Uni<KnownServer> managedServerInAnyState(String reference, Actor actor) {
        return IdOrName.find("server", reference, servers::findById, servers::findActiveByName, s -> s.id)
                .map(server -> requireKnown(server, reference))
                .call(server -> authorizer.requireServer(actor, server.id, reference));
    }

    /** {@link #managedServer}, locked until the transaction ends; must run inside one. */
    public Uni<KnownServer> managedServerForUpdate(String reference, Actor actor) {
        return managedServer(reference, actor).chain(server -> servers.findForUpdate(server.id))
                .map(server -> requireActive(server, reference));
    }

    /** {@link #managedServer}, share-locked until the transaction ends (token creation); must run inside one. */
    public Uni<KnownServer> managedServerForShare(String reference, Actor actor) {
        return managedServer(reference, actor).chain(server -> servers.findForShare(server.id))
                .map(server -> requireActive(server, reference));
    }

    /** A token of this server. */
    public Uni<Token> token(KnownServer server, String reference) {
        return IdOrName.find("token", reference, id -> tokens.findById(id)
                                .map(token -> token != null && token.serverId.equals(server.id) ? token : null),
                        name -> tokens.ofServerByName(server.id, name).map(TokenLookup::preferActive), token -> token.id)
                .onFailure(ProblemException.class).transform(failure -> notFoundOnServer((ProblemException) failure,
                        server, reference));
    }

    private static List<Token> preferActive(List<Token> matches) {
        List<Token> active = matches.stream().filter(Token::isActive).toList();
        return active.isEmpty() ? matches : active;
    }

    private static ProblemException notFoundOnServer(ProblemException failure, KnownServer server, String reference) {
        if (failure.status() != 404) {
            return failure;
        }
        String ref = reference == null ? "" : reference.strip();
        return new ProblemException(404, "token-not-found", "Token not found",
                "server '" + server.name + "' has no token named or with the ID '" + ref + "'",
                Map.of("token", ref, "server", server.id));
    }

    private static KnownServer requireKnown(KnownServer server, String reference) {
        if (server == null) {
            throw ProblemException.notFound("server", reference);
        }
        return server;
    }

    private static KnownServer requireActive(KnownServer server, String reference) {
        if (server == null || !server.isActive()) {
            throw ProblemException.notFound("server", reference);
        }
        return server;
    }
}

package dev.connectplane.token.repository;

import dev.connectplane.foundation.config.FoundationConfig;
import dev.connectplane.foundation.paging.Keyset;
import dev.connectplane.foundation.paging.PageRequest;
import dev.connectplane.foundation.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Tokens. Lists page by keyset: a server's tokens by creation time then ID, all tokens by
 * server, creation time, ID ({@link #sortKeyInServer}, {@link #sortKey}).
 */
@ApplicationScoped
public class TokenRepository implements PanacheRepositoryBase<Token, String> {

    private final String revokeAllOfServer;
    private final String revokeAllSignedBy;
    private final String ofServers;

    /** A token a cascade revoked: its ID and server. */
    public record RevokedToken(String tokenId, String serverId) {
    }

    public TokenRepository(FoundationConfig foundation) {
        this.ofServers = "select * from " + foundation.dbSchema() + ".token where server_id = any(?1)";
        this.revokeAllOfServer = "update " + foundation.dbSchema() + ".token set state = 'REVOKED', "
                + "revoke_reason = 'SERVER_DELETED', revoked_at = ?2, version = version + 1 "
                + "where server_id = ?1 and state = 'ACTIVE' returning id";
        this.revokeAllSignedBy = "update " + foundation.dbSchema() + ".token set state = 'REVOKED', "
                + "revoke_reason = 'SIGNING_KEY_RETIRED', revoked_at = ?2, version = version + 1 "
                + "where key_id = ?1 and state = 'ACTIVE' returning id, server_id";
    }

    /**
     * Revokes every active token the signing key signed ({@code signing_key_retired}) with one
     * statement in the caller's transaction; the tokens it revoked, ordered by server and ID.
     */
    public Uni<List<RevokedToken>> revokeAllSignedBy(String keyId, OffsetDateTime at) {
        return getSession().chain(session -> session.createNativeQuery(revokeAllSignedBy, Object[].class)
                        .setParameter(1, keyId)
                        .setParameter(2, at)
                        .getResultList())
                .map(rows -> rows.stream()
                        .map(row -> new RevokedToken((String) row[0], (String) row[1]))
                        .sorted(Comparator.comparing(RevokedToken::serverId).thenComparing(RevokedToken::tokenId))
                        .toList());
    }

    /**
     * Revokes every active token of the server ({@code server_deleted}) with one statement in the
     * caller's transaction; the IDs of the tokens it revoked.
     */
    public Uni<List<String>> revokeAllOfServer(String serverId, OffsetDateTime at) {
        return getSession().chain(session -> session.createNativeQuery(revokeAllOfServer, String.class)
                .setParameter(1, serverId)
                .setParameter(2, at)
                .getResultList());
    }

    public Uni<List<Token>> ofServerByName(String serverId, String name) {
        return list("serverId = ?1 and lower(name) = lower(?2)", serverId, name);
    }

    /** One page of a server's tokens, active and revoked, oldest first. */
    public Uni<List<Token>> pageOfServer(String serverId, PageRequest page) {
        return Keyset.page(this, "serverId = :server", Parameters.with("server", serverId), Sort.by("createdAt").and("id"),
                page, after -> List.of(instant(after.get(0)), after.get(1)));
    }

    /**
     * One page of the tokens of these servers (a caller's grants: one array parameter, however
     * many), by server, then oldest first.
     */
    public Uni<List<Token>> pageOfServers(Collection<String> serverIds, PageRequest page) {
        if (serverIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Keyset.nativePage(getSession(), ofServers, Token.class, serverIds.toArray(String[]::new),
                new String[] {"server_id", "created_at", "id"}, page,
                after -> List.of(after.get(0), instant(after.get(1)), after.get(2)));
    }

    /** One page of every token of every server, deleted ones included. */
    public Uni<List<Token>> pageOfAll(PageRequest page) {
        return pageWhere("1 = 1", new Parameters(), page);
    }

    /** The sort key of a token among its server's: its creation time, then its ID. */
    public static List<String> sortKeyInServer(Token token) {
        return List.of(token.createdAt.toString(), token.id);
    }

    /** The sort key of a token among all: its server, its creation time, its ID. */
    public static List<String> sortKey(Token token) {
        return List.of(token.serverId, token.createdAt.toString(), token.id);
    }

    private Uni<List<Token>> pageWhere(String condition, Parameters parameters, PageRequest page) {
        return Keyset.page(this, condition, parameters, Sort.by("serverId").and("createdAt").and("id"), page,
                after -> List.of(after.get(0), instant(after.get(1)), after.get(2)));
    }

    private static OffsetDateTime instant(String text) {
        try {
            return OffsetDateTime.parse(text);
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest("invalid-cursor", "the cursor is not one this list gave out");
        }
    }
}

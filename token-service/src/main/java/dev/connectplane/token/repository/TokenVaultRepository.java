package dev.connectplane.token.repository;

import dev.connectplane.foundation.config.FoundationConfig;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Tokens' vault scopes. */
@ApplicationScoped
public class TokenVaultRepository implements PanacheRepositoryBase<TokenVault, TokenVault.Key> {

    private final String trimVault;
    private final String ofTokens;

    public TokenVaultRepository(FoundationConfig foundation) {
        String schema = foundation.dbSchema();
        this.ofTokens = "select token_id, vault_id, vault_name, can_read, can_write, trimmed_at from " + schema
                + ".token_vault where token_id = any(?1) order by lower(vault_name), vault_id";
        this.trimVault = "update " + schema + ".token_vault v set trimmed_at = ?3 from " + schema + ".token t "
                + "where v.token_id = t.id and t.server_id = ?1 and v.vault_id = ?2 and v.trimmed_at is null "
                + "and t.state = 'ACTIVE' returning v.token_id";
    }

    /**
     * Trims the vault, for good, from every active token of the server with one statement in the
     * caller's transaction; the IDs of the tokens it trimmed.
     */
    public Uni<List<String>> trimFromActiveTokens(String serverId, String vaultId, OffsetDateTime at) {
        return getSession().chain(session -> session.createNativeQuery(trimVault, String.class)
                .setParameter(1, serverId)
                .setParameter(2, vaultId)
                .setParameter(3, at)
                .getResultList());
    }

    public Uni<List<TokenVault>> ofToken(String tokenId) {
        return list("key.tokenId = ?1 order by lower(vaultName), key.vaultId", tokenId);
    }

    /**
     * The untrimmed scopes of the active tokens of a server that are among {@code tokenIds}, by
     * token ID: read by server (one bound parameter, however many tokens) as plain values, not
     * managed entities (a cascade over 100,000 tokens reads 100,000s of rows), kept for the given ones.
     */
    public Uni<Map<String, List<TokenVault>>> ofActiveTokensOfServer(String serverId, Collection<String> tokenIds) {
        if (tokenIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        Set<String> wanted = Set.copyOf(tokenIds);
        return getSession().chain(session -> session.createSelectionQuery(
                                "select v.key.tokenId, v.key.vaultId, v.vaultName, v.canRead, v.canWrite from TokenVault v "
                                        + "where v.trimmedAt is null and v.key.tokenId in "
                                        + "(select t.id from Token t where t.serverId = :server and t.state = :state) "
                                        + "order by lower(v.vaultName), v.key.vaultId", Object[].class)
                        .setParameter("server", serverId)
                        .setParameter("state", TokenState.ACTIVE)
                        .getResultList())
                .map(rows -> rows.stream()
                        .filter(row -> wanted.contains((String) row[0]))
                        .map(TokenVaultRepository::detached)
                        .collect(Collectors.groupingBy(vault -> vault.key.tokenId)));
    }

    private static TokenVault detached(Object[] row) {
        TokenVault vault = new TokenVault();
        vault.key = new TokenVault.Key((String) row[0], (String) row[1]);
        vault.vaultName = (String) row[2];
        vault.canRead = (Boolean) row[3];
        vault.canWrite = (Boolean) row[4];
        return vault;
    }

    /**
     * The scopes of a page of tokens, by token ID, each list ordered by vault name: one array
     * parameter for the page's IDs, read as plain values (a page of 1,000 tokens reads 1,000s of rows).
     */
    public Uni<Map<String, List<TokenVault>>> ofTokens(Collection<String> tokenIds) {
        if (tokenIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return getSession().chain(session -> session.createNativeQuery(ofTokens, Object[].class)
                        .setParameter(1, tokenIds.toArray(String[]::new))
                        .getResultList())
                .map(rows -> rows.stream()
                        .map(TokenVaultRepository::detachedWithTrim)
                        .collect(Collectors.groupingBy(vault -> vault.key.tokenId)));
    }

    private static TokenVault detachedWithTrim(Object[] row) {
        TokenVault vault = detached(row);
        vault.trimmedAt = instant(row[5]);
        return vault;
    }

    /** A native query's timestamp column, as whichever type the driver gave it. */
    private static OffsetDateTime instant(Object value) {
        if (value == null || value instanceof OffsetDateTime) {
            return (OffsetDateTime) value;
        }
        if (value instanceof Instant instant) {
            return instant.atOffset(ZoneOffset.UTC);
        }
        if (value instanceof Date date) {
            return date.toInstant().atOffset(ZoneOffset.UTC);
        }
        if (value instanceof LocalDateTime local) {
            return local.atOffset(ZoneOffset.UTC);
        }
        throw new IllegalStateException("unexpected timestamp type " + value.getClass().getName());
    }
}

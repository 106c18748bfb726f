package dev.connectplane.token.repository;

import dev.connectplane.foundation.config.FoundationConfig;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Tokens' vault scopes. */
@ApplicationScoped
public class TokenVaultRepository implements PanacheRepositoryBase<TokenVault, TokenVault.Key> {

    private final String trimVault;

    public TokenVaultRepository(FoundationConfig foundation) {
        String schema = foundation.dbSchema();
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

    /** The scopes of a page of tokens (at most a page's worth of IDs), by token ID, each list ordered by vault name. */
    public Uni<Map<String, List<TokenVault>>> ofTokens(Collection<String> tokenIds) {
        if (tokenIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return list("key.tokenId in ?1 order by lower(vaultName), key.vaultId", tokenIds)
                .map(rows -> rows.stream().collect(Collectors.groupingBy(row -> row.key.tokenId)));
    }
}

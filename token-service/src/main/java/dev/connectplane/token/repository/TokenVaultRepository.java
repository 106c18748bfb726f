package dev.connectplane.token.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Tokens' vault scopes. */
@ApplicationScoped
public class TokenVaultRepository implements PanacheRepositoryBase<TokenVault, TokenVault.Key> {

    public Uni<List<TokenVault>> ofToken(String tokenId) {
        return list("key.tokenId = ?1 order by lower(vaultName), key.vaultId", tokenId);
    }

    /** The scopes of many tokens, by token ID, each list ordered by vault name. */
    public Uni<Map<String, List<TokenVault>>> ofTokens(Collection<String> tokenIds) {
        if (tokenIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return list("key.tokenId in ?1 order by lower(vaultName), key.vaultId", tokenIds)
                .map(rows -> rows.stream().collect(Collectors.groupingBy(row -> row.key.tokenId)));
    }
}

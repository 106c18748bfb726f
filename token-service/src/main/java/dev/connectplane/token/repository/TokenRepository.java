package dev.connectplane.token.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;

/** Tokens. */
@ApplicationScoped
public class TokenRepository implements PanacheRepositoryBase<Token, String> {

    public Uni<List<Token>> ofServerByName(String serverId, String name) {
        return list("serverId = ?1 and lower(name) = lower(?2)", serverId, name);
    }

    public Uni<List<Token>> ofServer(String serverId) {
        return list("serverId = ?1 order by createdAt, id", serverId);
    }

    /** Every token of these servers. */
    public Uni<List<Token>> ofServers(Collection<String> serverIds) {
        if (serverIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return list("serverId in ?1 order by serverId, createdAt, id", serverIds);
    }

    /** Every token of every server, deleted ones included. */
    public Uni<List<Token>> everyToken() {
        return list("order by serverId, createdAt, id");
    }
}

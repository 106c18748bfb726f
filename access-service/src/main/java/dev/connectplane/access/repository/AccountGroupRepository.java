package dev.connectplane.access.repository;

import dev.connectplane.foundation.paging.Keyset;
import dev.connectplane.foundation.paging.PageRequest;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The groups of the directory. */
@ApplicationScoped
public class AccountGroupRepository implements PanacheRepositoryBase<AccountGroup, String> {

    public Uni<List<AccountGroup>> findByName(String name) {
        return list("lower(name) = lower(?1)", name);
    }

    /** One page of the directory's groups, by name then ID ({@link #sortKey}). */
    public Uni<List<AccountGroup>> page(PageRequest page) {
        return Keyset.page(this, "1 = 1", new Parameters(), Sort.by("name").and("id"), page, after -> after);
    }

    public static List<String> sortKey(AccountGroup group) {
        return List.of(group.name, group.id);
    }

    /** The groups among these IDs (the groups of a page of grants), by ID. */
    public Uni<Map<String, AccountGroup>> byIds(Collection<String> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return list("id in ?1", ids).map(found -> found.stream().collect(Collectors.toMap(group -> group.id, Function.identity())));
    }
}

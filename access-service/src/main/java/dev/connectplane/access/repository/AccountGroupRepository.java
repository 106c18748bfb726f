package dev.connectplane.access.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** The groups of the directory. */
@ApplicationScoped
public class AccountGroupRepository implements PanacheRepositoryBase<AccountGroup, String> {

    public Uni<List<AccountGroup>> findByName(String name) {
        return list("lower(name) = lower(?1)", name);
    }

    public Uni<List<AccountGroup>> listByName() {
        return listAll(Sort.by("name"));
    }
}

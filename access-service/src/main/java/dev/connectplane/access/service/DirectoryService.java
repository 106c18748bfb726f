package dev.connectplane.access.service;

import dev.connectplane.access.mapping.AccessEventMapper;
import dev.connectplane.access.repository.AccountGroup;
import dev.connectplane.access.repository.AccountGroupRepository;
import dev.connectplane.access.repository.Vault;
import dev.connectplane.access.repository.VaultRepository;
import dev.connectplane.contracts.access.VaultType;
import dev.connectplane.foundation.caller.CallContext;
import dev.connectplane.foundation.ids.IdGenerator;
import dev.connectplane.foundation.lookup.IdOrName;
import dev.connectplane.foundation.names.Names;
import dev.connectplane.foundation.outbox.OutboxWriter;
import dev.connectplane.foundation.paging.Page;
import dev.connectplane.foundation.paging.PageRequest;
import dev.connectplane.foundation.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The account directory: vaults (names may repeat; one default Shared vault) and groups
 * (names unique ignoring case). Each registration publishes VaultRegistered or
 * GroupRegistered so that other services can resolve names. Runs inside the caller's transaction.
 */
@ApplicationScoped
public class DirectoryService {

    private final VaultRepository vaults;
    private final AccountGroupRepository groups;
    private final OutboxWriter outbox;

    public DirectoryService(VaultRepository vaults, AccountGroupRepository groups, OutboxWriter outbox) {
        this.vaults = vaults;
        this.groups = groups;
        this.outbox = outbox;
    }

    public Uni<Vault> registerVault(String requestedName, String requestedType, CallContext context) {
        String name = Names.validate("vault", requestedName);
        VaultType type = parseType(requestedType);
        Uni<Void> check = type != VaultType.DEFAULT_SHARED ? Uni.createFrom().voidItem()
                : vaults.findByType(VaultType.DEFAULT_SHARED).map(existing -> {
                    if (!existing.isEmpty()) {
                        throw ProblemException.conflict("default-shared-vault-exists", "Default Shared vault exists",
                                "the account already has its default Shared vault ('" + existing.get(0).name + "')");
                    }
                    return null;
                });
        return check.chain(() -> {
            Vault vault = new Vault();
            vault.id = IdGenerator.newId();
            vault.name = name;
            vault.vaultType = type;
            vault.createdAt = OutboxWriter.now();
            return vaults.persist(vault).call(saved -> outbox.append(AccessEventMapper.registered(saved), context));
        });
    }

    public Uni<AccountGroup> registerGroup(String requestedName, CallContext context) {
        String name = Names.validate("group", requestedName);
        return groups.findByName(name).chain(existing -> {
            if (!existing.isEmpty()) {
                throw ProblemException.conflict("group-name-taken", "Group name taken",
                        "a group is already named '" + existing.get(0).name + "' (names are unique, ignoring case)");
            }
            AccountGroup group = new AccountGroup();
            group.id = IdGenerator.newId();
            group.name = name;
            group.createdAt = OutboxWriter.now();
            return groups.persist(group).call(saved -> outbox.append(AccessEventMapper.registered(saved), context));
        });
    }

    /** The vault with this name and type, registered first if the directory lacks it (for the seed). */
    public Uni<Vault> ensureVault(String name, VaultType type, CallContext context) {
        return vaults.findByName(name).chain(found -> found.stream()
                .filter(v -> v.vaultType == type).findFirst()
                .map(v -> Uni.createFrom().item(v))
                .orElseGet(() -> registerVault(name, type.wireName(), context)));
    }

    /** The group with this name, registered first if the directory lacks it. */
    public Uni<AccountGroup> ensureGroup(String name, CallContext context) {
        return groups.findByName(name).chain(found -> found.isEmpty()
                ? registerGroup(name, context) : Uni.createFrom().item(found.get(0)));
    }

    /** One page of the directory's vaults, by name. */
    public Uni<Page<Vault>> vaults(PageRequest page) {
        return Panache.withSession(() -> vaults.page(page))
                .map(rows -> Page.of(rows, page, VaultRepository::sortKey));
    }

    /** One page of the directory's groups, by name. */
    public Uni<Page<AccountGroup>> groups(PageRequest page) {
        return Panache.withSession(() -> groups.page(page))
                .map(rows -> Page.of(rows, page, AccountGroupRepository::sortKey));
    }

    public Uni<Vault> findVault(String reference) {
        return IdOrName.find("vault", reference, vaults::findById, vaults::findByName, v -> v.id);
    }

    public Uni<AccountGroup> findGroup(String reference) {
        return IdOrName.find("group", reference, groups::findById, groups::findByName, g -> g.id);
    }

    private static VaultType parseType(String type) {
        if (type == null || type.isBlank()) {
            return VaultType.USER_CREATED;
        }
        try {
            return VaultType.fromWireName(type.strip());
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("invalid-vault-type", "unknown vault type '" + type + "'; one of "
                    + Arrays.stream(VaultType.values()).map(VaultType::wireName).collect(Collectors.joining(", ")));
        }
    }
}

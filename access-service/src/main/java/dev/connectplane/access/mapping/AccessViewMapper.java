package dev.connectplane.access.mapping;

import dev.connectplane.access.repository.AccountGroup;
import dev.connectplane.access.repository.Vault;
import dev.connectplane.access.rest.AccessViews;
import dev.connectplane.access.service.GroupGrantService;
import dev.connectplane.access.service.VaultGrantService;

/** Maps access-service entities to the API's views. */
public final class AccessViewMapper {

    private AccessViewMapper() {
    }

    public static AccessViews.VaultView toView(Vault vault) {
        return new AccessViews.VaultView(vault.id, vault.name, vault.vaultType.wireName(),
                !vault.vaultType.isProtectedFromServers(), vault.createdAt);
    }

    public static AccessViews.GroupView toView(AccountGroup group) {
        return new AccessViews.GroupView(group.id, group.name, group.createdAt);
    }

    public static AccessViews.VaultGrantView toView(VaultGrantService.GrantedVault granted, Boolean created) {
        return new AccessViews.VaultGrantView(granted.server().id, granted.server().name, granted.vault().id,
                granted.vault().name, granted.grant().grantedAt, created);
    }

    public static AccessViews.GroupGrantView toView(GroupGrantService.GroupGrantView grant, Boolean created) {
        return new AccessViews.GroupGrantView(grant.group().id, grant.group().name, grant.grant().key.scope.wireName(),
                grant.server() == null ? null : grant.server().id, grant.server() == null ? null : grant.server().name,
                grant.grant().grantedAt, created);
    }
}

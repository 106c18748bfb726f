package dev.connectplane.access.mapping;

import dev.connectplane.access.repository.AccountGroup;
import dev.connectplane.access.repository.GroupGrant;
import dev.connectplane.access.repository.Vault;
import dev.connectplane.contracts.access.GroupGranted;
import dev.connectplane.contracts.access.GroupRegistered;
import dev.connectplane.contracts.access.GroupRevoked;
import dev.connectplane.contracts.access.VaultGranted;
import dev.connectplane.contracts.access.VaultRegistered;
import dev.connectplane.contracts.access.VaultRevocationReason;
import dev.connectplane.contracts.access.VaultRevoked;

/** Maps access-service entities to the event records of the contracts. */
public final class AccessEventMapper {

    private AccessEventMapper() {
    }

    public static VaultRegistered registered(Vault vault) {
        return new VaultRegistered(vault.id, vault.name, vault.vaultType);
    }

    public static GroupRegistered registered(AccountGroup group) {
        return new GroupRegistered(group.id, group.name);
    }

    public static VaultGranted granted(String serverId, Vault vault) {
        return new VaultGranted(serverId, vault.id, vault.name);
    }

    public static VaultRevoked revoked(String serverId, Vault vault, VaultRevocationReason reason) {
        return new VaultRevoked(serverId, vault.id, vault.name, reason);
    }

    public static GroupGranted granted(GroupGrant grant, AccountGroup group) {
        return new GroupGranted(group.id, group.name, grant.key.scope, grant.serverIdOrNull());
    }

    public static GroupRevoked revoked(GroupGrant grant, AccountGroup group) {
        return new GroupRevoked(group.id, group.name, grant.key.scope, grant.serverIdOrNull());
    }
}

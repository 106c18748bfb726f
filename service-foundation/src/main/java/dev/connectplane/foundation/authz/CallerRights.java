package dev.connectplane.foundation.authz;

import dev.connectplane.contracts.access.GrantScope;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * What a caller may manage, from the grants of its groups: everything (a Secrets Automation
 * manager), every server current and future (an all-servers grant), or the listed servers.
 */
public record CallerRights(boolean manager, boolean allServers, Set<String> serverIds) {

    public static final CallerRights EVERYTHING = new CallerRights(true, true, Set.of());
    public static final CallerRights NOTHING = new CallerRights(false, false, Set.of());

    public CallerRights {
        serverIds = Set.copyOf(serverIds);
    }

    /** The rights that a set of grants gives. */
    public static CallerRights of(Collection<Grant> grants) {
        boolean manager = false;
        boolean allServers = false;
        Set<String> servers = new HashSet<>();
        for (Grant grant : grants) {
            switch (grant.scope()) {
                case MANAGERS -> manager = true;
                case ALL_SERVERS -> allServers = true;
                case SERVER -> servers.add(grant.serverId());
            }
        }
        return manager ? EVERYTHING : new CallerRights(false, allServers, servers);
    }

    /** May get, edit and delete the server, grant and revoke its vaults, and manage its tokens. */
    public boolean canManage(String serverId) {
        return manager || allServers || serverIds.contains(serverId);
    }

    /** Whether lists need no filtering by server. */
    public boolean seesEveryServer() {
        return manager || allServers;
    }

    /** One group grant: its scope and, for a {@code SERVER} grant, the server. */
    public record Grant(GrantScope scope, String serverId) {
    }
}

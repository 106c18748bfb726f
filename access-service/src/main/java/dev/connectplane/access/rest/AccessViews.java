package dev.connectplane.access.rest;

import java.time.OffsetDateTime;

/** The access API's request bodies and views (snake_case on the wire). */
public final class AccessViews {

    private AccessViews() {
    }

    /** Body of {@code POST /v1/vaults}; type defaults to {@code user_created}. */
    public record RegisterVaultRequest(String name, String type) {
    }

    /** Body of {@code POST /v1/groups}. */
    public record RegisterGroupRequest(String name) {
    }

    /** Body of {@code POST /v1/servers/{server}/vaults}: the vault, by ID or name. */
    public record GrantVaultRequest(String vault) {
    }

    /** A vault of the directory. */
    public record VaultView(String id, String name, String type, boolean grantableToServers, OffsetDateTime createdAt) {
    }

    /** A group of the directory. */
    public record GroupView(String id, String name, OffsetDateTime createdAt) {
    }

    /** A server's access to a vault; {@code created} says whether this request granted it. */
    public record VaultGrantView(String serverId, String serverName, String vaultId, String vaultName,
                                 OffsetDateTime grantedAt, Boolean created) {
    }

    /**
     * A group grant: scope {@code server} (with the server), {@code all_servers} or
     * {@code managers}; {@code created} says whether this request granted it.
     */
    public record GroupGrantView(String groupId, String groupName, String scope, String serverId, String serverName,
                                 OffsetDateTime grantedAt, Boolean created) {
    }
}

package dev.connectplane.contracts.access;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The kind of a vault. The built-in Personal, Private and Employee vaults and the default
 * Shared vault can never be granted to a Connect server.
 */
public enum VaultType {
    USER_CREATED(false),
    PERSONAL(true),
    PRIVATE(true),
    EMPLOYEE(true),
    DEFAULT_SHARED(true);

    private final boolean protectedFromServers;

    VaultType(boolean protectedFromServers) {
        this.protectedFromServers = protectedFromServers;
    }

    /** Whether this vault may never be granted to a Connect server. */
    public boolean isProtectedFromServers() {
        return protectedFromServers;
    }

    @JsonValue
    public String wireName() {
        return name().toLowerCase();
    }

    @JsonCreator
    public static VaultType fromWireName(String name) {
        return valueOf(name.toUpperCase());
    }
}

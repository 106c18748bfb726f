package dev.connectplane.contracts.access;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Why a server lost a vault: an explicit revoke, or the server's deletion. */
public enum VaultRevocationReason {
    REVOKED, SERVER_DELETED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase();
    }

    @JsonCreator
    public static VaultRevocationReason fromWireName(String name) {
        return valueOf(name.toUpperCase());
    }
}

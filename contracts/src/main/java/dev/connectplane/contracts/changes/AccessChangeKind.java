package dev.connectplane.contracts.changes;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The kinds of change in what a token or server may access. */
public enum AccessChangeKind {
    /** A new token can now read or write its vaults. */
    TOKEN_ISSUED,
    /** A token no longer works at all. */
    TOKEN_REVOKED,
    /** A token lost one vault; {@code vaults} holds what it keeps. */
    TOKEN_SCOPE_TRIMMED,
    /** A server and everything it held stopped working. */
    SERVER_DELETED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase();
    }

    @JsonCreator
    public static AccessChangeKind fromWireName(String name) {
        return valueOf(name.toUpperCase());
    }
}

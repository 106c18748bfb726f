package dev.connectplane.contracts.token;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Why a token stopped working: deleted by a user, or its server was deleted. */
public enum TokenRevocationReason {
    DELETED, SERVER_DELETED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase();
    }

    @JsonCreator
    public static TokenRevocationReason fromWireName(String name) {
        return valueOf(name.toUpperCase());
    }
}

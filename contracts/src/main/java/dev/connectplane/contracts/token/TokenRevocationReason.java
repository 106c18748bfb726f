package dev.connectplane.contracts.token;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Why a token stopped working: deleted by a user, its server was deleted, or the key that signed it was retired. */
public enum TokenRevocationReason {
    DELETED, SERVER_DELETED, SIGNING_KEY_RETIRED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase();
    }

    @JsonCreator
    public static TokenRevocationReason fromWireName(String name) {
        return valueOf(name.toUpperCase());
    }
}

package dev.connectplane.contracts.access;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What a group grant covers: one server, all current and future servers, or membership of
 * the Secrets Automation managers (no server named).
 */
public enum GrantScope {
    SERVER, ALL_SERVERS, MANAGERS;

    @JsonValue
    public String wireName() {
        return name().toLowerCase();
    }

    @JsonCreator
    public static GrantScope fromWireName(String name) {
        return valueOf(name.toUpperCase());
    }
}

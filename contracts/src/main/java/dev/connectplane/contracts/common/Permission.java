package dev.connectplane.contracts.common;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** What a token may do in a vault: {@code read}, {@code write}. */
public enum Permission {
    READ, WRITE;

    @JsonValue
    public String wireName() {
        return name().toLowerCase();
    }

    @JsonCreator
    public static Permission fromWireName(String name) {
        return valueOf(name.toUpperCase());
    }
}

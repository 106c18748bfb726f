package dev.connectplane.contracts.common;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;

/** What a token may do in a vault: {@code read}, {@code write}. */
public enum Permission {
    READ, WRITE;

    @JsonValue
    public String wireName() {
        return name().toLowerCase();
    }

    /** The ACL of a scope with these permissions, in canonical order; at least one must be given. */
    public static List<Permission> acl(boolean read, boolean write) {
        if (read && write) {
            return List.of(READ, WRITE);
        }
        if (read || write) {
            return List.of(read ? READ : WRITE);
        }
        throw new IllegalArgumentException("a scope has read or write permission");
    }

    @JsonCreator
    public static Permission fromWireName(String name) {
        return valueOf(name.toUpperCase());
    }
}

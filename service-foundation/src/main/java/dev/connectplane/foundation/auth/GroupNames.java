package dev.connectplane.foundation.auth;

/**
 * How a value of the groups claim becomes a group name ({@code connect.auth.claims.group-names}).
 * Keycloak's group mapper writes full paths ({@code /Platform/DevOps}) unless told not to.
 */
public enum GroupNames {
    /** The value is the group's name, as it is. */
    AS_IS,
    /** The value is a path; its last segment is the name ({@code /Platform/DevOps} becomes {@code DevOps}). */
    LAST_SEGMENT;

    String nameOf(String value) {
        if (this == AS_IS) {
            return value;
        }
        String trimmed = value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
        return trimmed.substring(trimmed.lastIndexOf('/') + 1);
    }
}

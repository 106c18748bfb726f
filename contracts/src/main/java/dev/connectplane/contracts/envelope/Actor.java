package dev.connectplane.contracts.envelope;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Who caused an event: a user (with the groups of their identity), a Connect server
 * authenticated by its credentials, or the system itself (a cascade, a seed).
 *
 * @param id     user name, server ID or system component name
 * @param type   what kind of caller this is
 * @param groups the user's groups at the time; empty for servers and the system
 */
public record Actor(String id, ActorType type, List<String> groups) {

    public Actor {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        groups = groups == null ? List.of() : List.copyOf(groups);
    }

    public static Actor user(String name, List<String> groups) {
        return new Actor(name, ActorType.USER, groups);
    }

    public static Actor server(String serverId) {
        return new Actor(serverId, ActorType.SERVER, List.of());
    }

    public static Actor system(String component) {
        return new Actor(component, ActorType.SYSTEM, List.of());
    }

    /** The groups as the {@code actorgroups} attribute: comma-separated, or {@code null} when none. */
    public String groupsAttribute() {
        return groups.isEmpty() ? null : String.join(",", groups);
    }

    static Actor fromAttributes(String id, String type, String groups) {
        if (id == null || type == null) {
            return null;
        }
        List<String> groupList = groups == null || groups.isBlank()
                ? List.of()
                : Arrays.stream(groups.split(",")).map(String::trim).filter(g -> !g.isEmpty()).toList();
        return new Actor(id, ActorType.fromWireName(type), groupList);
    }

    /** The kinds of caller. */
    public enum ActorType {
        USER, SERVER, SYSTEM;

        public String wireName() {
            return name().toLowerCase();
        }

        public static ActorType fromWireName(String name) {
            return valueOf(name.toUpperCase());
        }
    }
}

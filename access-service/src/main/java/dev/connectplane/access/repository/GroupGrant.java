package dev.connectplane.access.repository;

import dev.connectplane.contracts.access.GrantScope;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * What a group may manage. An all-servers grant is one row, not one row per server, so a
 * server created later is covered without any new command.
 */
@Entity
@Table(name = "group_grant")
public class GroupGrant {

    /** The empty server ID of grants that name no server. */
    public static final String NO_SERVER = "";

    @EmbeddedId
    public Key key;

    @Column(name = "granted_at", nullable = false)
    public OffsetDateTime grantedAt;

    /** The server of a {@code SERVER} grant, or {@code null}. */
    public String serverIdOrNull() {
        return NO_SERVER.equals(key.serverId) ? null : key.serverId;
    }

    /** Group, scope and (for {@code SERVER}) server. */
    @Embeddable
    public static class Key implements Serializable {

        @Column(name = "group_id")
        public String groupId;

        @Enumerated(EnumType.STRING)
        @Column(name = "scope")
        public GrantScope scope;

        @Column(name = "server_id")
        public String serverId;

        public Key() {
        }

        public Key(String groupId, GrantScope scope, String serverId) {
            this.groupId = groupId;
            this.scope = scope;
            this.serverId = serverId == null ? NO_SERVER : serverId;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && groupId.equals(key.groupId) && scope == key.scope
                    && serverId.equals(key.serverId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(groupId, scope, serverId);
        }
    }
}

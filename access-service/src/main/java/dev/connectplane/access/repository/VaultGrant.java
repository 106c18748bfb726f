package dev.connectplane.access.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.Objects;

/** A server's access to a vault. */
@Entity
@Table(name = "vault_grant")
public class VaultGrant {

    @EmbeddedId
    public Key key;

    @Column(name = "granted_at", nullable = false)
    public OffsetDateTime grantedAt;

    /** Server and vault. */
    @Embeddable
    public static class Key implements Serializable {

        @Column(name = "server_id")
        public String serverId;

        @Column(name = "vault_id")
        public String vaultId;

        public Key() {
        }

        public Key(String serverId, String vaultId) {
            this.serverId = serverId;
            this.vaultId = vaultId;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && serverId.equals(key.serverId) && vaultId.equals(key.vaultId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(serverId, vaultId);
        }
    }
}

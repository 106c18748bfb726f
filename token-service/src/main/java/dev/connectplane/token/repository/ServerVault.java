package dev.connectplane.token.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;

/** A vault a server has now (projection of VaultGranted / VaultRevoked). */
@Entity
@Table(name = "server_vault")
public class ServerVault {

    @EmbeddedId
    public Key key;

    @Column(name = "vault_name", nullable = false, length = 128)
    public String vaultName;

    public String vaultId() {
        return key.vaultId;
    }

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

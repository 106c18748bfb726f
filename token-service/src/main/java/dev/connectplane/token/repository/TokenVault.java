package dev.connectplane.token.repository;

import dev.connectplane.contracts.common.Permission;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;

/** One vault scope of a token. Trimmed scopes stay, marked, so that the trim is never undone. */
@Entity
@Table(name = "token_vault")
public class TokenVault {

    @EmbeddedId
    public Key key;

    @Column(name = "vault_name", nullable = false, length = 128)
    public String vaultName;

    @Column(name = "can_read", nullable = false)
    public boolean canRead;

    @Column(name = "can_write", nullable = false)
    public boolean canWrite;

    @Column(name = "trimmed_at")
    public OffsetDateTime trimmedAt;

    public boolean isTrimmed() {
        return trimmedAt != null;
    }

    public List<Permission> acl() {
        return Permission.acl(canRead, canWrite);
    }

    /** Token and vault. */
    @Embeddable
    public static class Key implements Serializable {

        @Column(name = "token_id")
        public String tokenId;

        @Column(name = "vault_id")
        public String vaultId;

        public Key() {
        }

        public Key(String tokenId, String vaultId) {
            this.tokenId = tokenId;
            this.vaultId = vaultId;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && tokenId.equals(key.tokenId) && vaultId.equals(key.vaultId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(tokenId, vaultId);
        }
    }
}

package dev.connectplane.token.repository;

import dev.connectplane.contracts.token.TokenRevocationReason;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;

/** An access token of a Connect server. The JWT itself is never stored, only its SHA-256. */
@Entity
@Table(name = "token")
public class Token {

    @Id
    public String id;

    @Column(name = "server_id", nullable = false)
    public String serverId;

    @Column(nullable = false, length = 128)
    public String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public TokenState state;

    @Enumerated(EnumType.STRING)
    @Column(name = "revoke_reason")
    public TokenRevocationReason revokeReason;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "expires_at")
    public OffsetDateTime expiresAt;

    @Column(name = "revoked_at")
    public OffsetDateTime revokedAt;

    @Column(name = "secret_hash", nullable = false, length = 64)
    public String secretHash;

    @Column(name = "secret_tail", nullable = false, length = 8)
    public String secretTail;

    @Column(name = "key_id", nullable = false)
    public String keyId;

    @Version
    public long version;

    public boolean isActive() {
        return state == TokenState.ACTIVE;
    }

    public boolean isExpired(OffsetDateTime now) {
        return expiresAt != null && !expiresAt.isAfter(now);
    }
}

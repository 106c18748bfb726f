package dev.connectplane.server.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;

/** A Connect server as server-service stores it. The credential secret itself is never stored, only its hash. */
@Entity
@Table(name = "server")
public class Server {

    @Id
    public String id;

    @Column(nullable = false, length = 128)
    public String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ServerState state;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "creator_id", nullable = false)
    public String creatorId;

    @Column(name = "tokens_version", nullable = false)
    public int tokensVersion;

    @Column(name = "credential_hash", nullable = false, length = 64)
    public String credentialHash;

    @Column(name = "deleted_at")
    public OffsetDateTime deletedAt;

    @Version
    public long version;

    public boolean isActive() {
        return state == ServerState.ACTIVE;
    }
}

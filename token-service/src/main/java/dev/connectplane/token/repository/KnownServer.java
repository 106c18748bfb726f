package dev.connectplane.token.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** A server as token-service knows it from server-service's events. */
@Entity
@Table(name = "known_server")
public class KnownServer {

    public static final String ACTIVE = "ACTIVE";
    public static final String DELETED = "DELETED";

    @Id
    public String id;

    @Column(nullable = false, length = 128)
    public String name;

    /** {@code ACTIVE} or {@code DELETED}. */
    @Column(nullable = false)
    public String state;

    /** SHA-256 (hex) of the server's credential secret; null for servers announced without one. */
    @Column(name = "credential_verifier", length = 64)
    public String credentialVerifier;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    public boolean isActive() {
        return ACTIVE.equals(state);
    }
}

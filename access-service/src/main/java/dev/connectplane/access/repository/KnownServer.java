package dev.connectplane.access.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A server as access-service knows it from server-service's events. */
@Entity
@Table(name = "known_server")
public class KnownServer {

    @Id
    public String id;

    @Column(nullable = false, length = 128)
    public String name;

    /** {@code ACTIVE} or {@code DELETED}. */
    @Column(nullable = false)
    public String state;

    public boolean isActive() {
        return ACTIVE.equals(state);
    }

    public static final String ACTIVE = "ACTIVE";
    public static final String DELETED = "DELETED";
}

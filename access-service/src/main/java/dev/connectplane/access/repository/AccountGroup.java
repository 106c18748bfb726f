package dev.connectplane.access.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** A group of the account directory; names are unique ignoring case. */
@Entity
@Table(name = "account_group")
public class AccountGroup {

    @Id
    public String id;

    @Column(nullable = false, length = 128)
    public String name;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;
}

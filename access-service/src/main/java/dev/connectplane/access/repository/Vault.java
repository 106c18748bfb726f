package dev.connectplane.access.repository;

import dev.connectplane.contracts.access.VaultType;
import dev.connectplane.foundation.persistence.VaultTypeConverter;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** A vault of the account directory. Names need not be unique; types decide whether servers may have it. */
@Entity
@Table(name = "vault")
public class Vault {

    @Id
    public String id;

    @Column(nullable = false, length = 128)
    public String name;

    @Column(name = "vault_type", nullable = false)
    @Convert(converter = VaultTypeConverter.class)
    public VaultType vaultType;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;
}

package dev.connectplane.server.repository;

import dev.connectplane.contracts.access.VaultType;
import dev.connectplane.foundation.persistence.VaultTypeConverter;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A vault of the account directory, projected from access-service's VaultRegistered events. */
@Entity
@Table(name = "vault_directory")
public class DirectoryVault {

    @Id
    @Column(name = "vault_id")
    public String vaultId;

    @Column(nullable = false)
    public String name;

    @Column(name = "vault_type", nullable = false)
    @Convert(converter = VaultTypeConverter.class)
    public VaultType vaultType;
}

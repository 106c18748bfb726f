package dev.connectplane.server.service;

import dev.connectplane.contracts.common.VaultRef;
import dev.connectplane.server.repository.Server;
import java.util.List;

/**
 * The outcome of a create: the server, the vaults it asked for, and the credential secret,
 * which exists nowhere else and is handed to the caller once.
 */
public record CreatedServer(Server server, List<VaultRef> requestedVaults, String credentialSecret) {
}

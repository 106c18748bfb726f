package dev.connectplane.server.service;

import dev.connectplane.server.repository.ServerVaultRepository.GrantedVault;
import dev.connectplane.server.repository.Server;
import java.util.List;

/** A server as lists, get and rename answer it: with the vaults it has, by name. */
public record ListedServer(Server server, List<GrantedVault> vaults) {

    public ListedServer {
        vaults = List.copyOf(vaults);
    }
}

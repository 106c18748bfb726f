package dev.connectplane.server.mapping;

import dev.connectplane.contracts.common.VaultRef;
import dev.connectplane.server.repository.Server;
import dev.connectplane.server.repository.ServerVaultRepository.GrantedVault;
import dev.connectplane.server.rest.CreatedServerView;
import dev.connectplane.server.rest.CredentialsDocument;
import dev.connectplane.server.rest.ServerView;
import dev.connectplane.server.service.CreatedServer;
import dev.connectplane.server.service.ListedServer;
import java.util.List;

/** Maps server entities to the API's views. */
public final class ServerViewMapper {

    private ServerViewMapper() {
    }

    public static ServerView toView(Server server, List<GrantedVault> vaults) {
        return new ServerView(server.id, server.name, server.state.name(), server.createdAt, server.creatorId,
                server.tokensVersion, vaults.stream().map(v -> new ServerView.VaultView(v.vaultId(), v.vaultName())).toList());
    }

    public static ServerView toView(ListedServer listed) {
        return toView(listed.server(), listed.vaults());
    }

    public static List<ServerView> toViews(List<ListedServer> servers) {
        return servers.stream().map(ServerViewMapper::toView).toList();
    }

    /** The create answer lists the vaults requested: access-service grants them right after. */
    public static CreatedServerView toCreatedView(CreatedServer created, String apiAddress) {
        Server server = created.server();
        List<GrantedVault> requested = created.requestedVaults().stream()
                .map((VaultRef v) -> new GrantedVault(server.id, v.vaultId(), v.vaultName())).toList();
        CredentialsDocument credentials = new CredentialsDocument(CredentialsDocument.VERSION, server.id,
                created.credentialSecret(), apiAddress, server.createdAt);
        return new CreatedServerView(toView(server, requested), credentials);
    }
}

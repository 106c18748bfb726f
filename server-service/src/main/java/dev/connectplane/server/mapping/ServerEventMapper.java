package dev.connectplane.server.mapping;

import dev.connectplane.contracts.common.VaultRef;
import dev.connectplane.contracts.server.ServerCreated;
import dev.connectplane.contracts.server.ServerDeleted;
import dev.connectplane.contracts.server.ServerRenamed;
import dev.connectplane.server.repository.Server;
import java.util.List;

/** Maps server entities to the event records of the contracts, field by field. */
public final class ServerEventMapper {

    private ServerEventMapper() {
    }

    public static ServerCreated created(Server server, List<VaultRef> requestedVaults) {
        return new ServerCreated(server.id, server.name, server.creatorId, server.createdAt, requestedVaults,
                server.credentialHash);
    }

    public static ServerRenamed renamed(Server server, String oldName) {
        return new ServerRenamed(server.id, oldName, server.name);
    }

    public static ServerDeleted deleted(Server server) {
        return new ServerDeleted(server.id, server.name, server.deletedAt);
    }
}

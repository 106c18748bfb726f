package dev.connectplane.access.messaging.in;

import dev.connectplane.access.repository.KnownServer;
import dev.connectplane.access.repository.KnownServerRepository;
import dev.connectplane.access.repository.VaultRepository;
import dev.connectplane.access.service.GroupGrantService;
import dev.connectplane.access.service.VaultGrantService;
import dev.connectplane.contracts.common.VaultRef;
import dev.connectplane.contracts.envelope.EventEnvelope;
import dev.connectplane.contracts.envelope.EventPayload;
import dev.connectplane.contracts.server.ServerCreated;
import dev.connectplane.contracts.server.ServerDeleted;
import dev.connectplane.contracts.server.ServerRenamed;
import dev.connectplane.foundation.caller.CallContext;
import dev.connectplane.foundation.inbox.IdempotentConsumer;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Reacts to server-service: keeps the servers projection, grants a new server the vaults it
 * asked for (VaultGranted each), and on deletion drops all its vault and group grants
 * (VaultRevoked / GroupRevoked each). The events it publishes carry the server event's actor
 * and causing command. Applied at most once per event (inbox), in the event's transaction.
 */
@ApplicationScoped
public class ServerEventsConsumer {

    private static final Logger LOG = Logger.getLogger(ServerEventsConsumer.class);

    private final IdempotentConsumer consumer;
    private final KnownServerRepository servers;
    private final VaultRepository vaults;
    private final VaultGrantService vaultGrants;
    private final GroupGrantService groupGrants;

    public ServerEventsConsumer(IdempotentConsumer consumer, KnownServerRepository servers, VaultRepository vaults,
                                VaultGrantService vaultGrants, GroupGrantService groupGrants) {
        this.consumer = consumer;
        this.servers = servers;
        this.vaults = vaults;
        this.vaultGrants = vaultGrants;
        this.groupGrants = groupGrants;
    }

    @Incoming("server-events")
    @ActivateRequestContext
    public Uni<Void> onServerEvent(ConsumerRecord<String, String> record) {
        return consumer.consume(record, this::apply);
    }

    Uni<Void> apply(EventEnvelope<EventPayload> event) {
        CallContext context = CallContext.following(event);
        if (event.data() instanceof ServerCreated created) {
            return created(created, context);
        }
        if (event.data() instanceof ServerRenamed renamed) {
            return servers.findForUpdate(renamed.serverId()).chain(server -> {
                if (server == null) {
                    return Uni.createFrom().voidItem();
                }
                server.name = renamed.newName();
                return servers.persist(server).replaceWithVoid();
            });
        }
        if (event.data() instanceof ServerDeleted deleted) {
            return deleted(deleted, context);
        }
        return Uni.createFrom().voidItem();
    }

    private Uni<Void> created(ServerCreated created, CallContext context) {
        return record(created.serverId(), created.name(), KnownServer.ACTIVE).chain(server -> Multi.createFrom().iterable(created.requestedVaults())
                .onItem().transformToUniAndConcatenate(ref -> grantRequested(server, ref, context))
                .collect().last().replaceWithVoid());
    }

    /** Inserts or updates the server's projection row, locked for the rest of the transaction. */
    private Uni<KnownServer> record(String serverId, String name, String state) {
        return servers.findForUpdate(serverId).chain(existing -> {
            KnownServer server = existing != null ? existing : new KnownServer();
            server.id = serverId;
            server.name = name;
            server.state = state;
            return servers.persist(server);
        });
    }

    private Uni<Void> grantRequested(KnownServer server, VaultRef ref, CallContext context) {
        return vaults.findById(ref.vaultId()).chain(vault -> {
            if (vault == null || vault.vaultType.isProtectedFromServers()) {
                LOG.warnf("server %s asked for vault %s, which %s; not granted", server.id, ref.vaultId(),
                        vault == null ? "the directory does not have" : "can never be granted to a server");
                return Uni.createFrom().voidItem();
            }
            return vaultGrants.grant(server, vault, context).replaceWithVoid();
        });
    }

    private Uni<Void> deleted(ServerDeleted deleted, CallContext context) {
        return record(deleted.serverId(), deleted.name(), KnownServer.DELETED).call(server -> vaultGrants.revokeAll(server, context))
                .call(server -> groupGrants.revokeAllOnServer(server, context))
                .replaceWithVoid();
    }
}

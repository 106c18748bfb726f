package dev.connectplane.server.messaging.in;

import dev.connectplane.contracts.access.VaultGranted;
import dev.connectplane.contracts.access.VaultRegistered;
import dev.connectplane.contracts.access.VaultRevoked;
import dev.connectplane.contracts.envelope.EventEnvelope;
import dev.connectplane.contracts.envelope.EventPayload;
import dev.connectplane.foundation.authz.GroupGrantProjection;
import dev.connectplane.foundation.inbox.IdempotentConsumer;
import dev.connectplane.server.repository.DirectoryVault;
import dev.connectplane.server.repository.DirectoryVaultRepository;
import dev.connectplane.server.repository.ServerVault;
import dev.connectplane.server.repository.ServerVaultRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import java.time.OffsetDateTime;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Keeps server-service's projections of access-service's state: the vault directory (to check
 * the vaults of a new server) and the vaults each server has (to show them). Other access
 * events are recorded as processed and otherwise ignored.
 */
@ApplicationScoped
public class AccessEventsConsumer {

    private final IdempotentConsumer consumer;
    private final DirectoryVaultRepository directory;
    private final ServerVaultRepository serverVaults;
    private final GroupGrantProjection groupGrants;

    public AccessEventsConsumer(IdempotentConsumer consumer, DirectoryVaultRepository directory,
                                ServerVaultRepository serverVaults, GroupGrantProjection groupGrants) {
        this.consumer = consumer;
        this.directory = directory;
        this.serverVaults = serverVaults;
        this.groupGrants = groupGrants;
    }

    @Incoming("access-events")
    @ActivateRequestContext
    public Uni<Void> onAccessEvent(ConsumerRecord<String, String> record) {
        return consumer.consume(record, this::apply);
    }

    Uni<Void> apply(EventEnvelope<EventPayload> event) {
        EventPayload data = event.data();
        if (data instanceof VaultRegistered registered) {
            return register(registered);
        }
        if (data instanceof VaultGranted granted) {
            return grant(granted, event.time());
        }
        if (data instanceof VaultRevoked revoked) {
            return serverVaults.delete("key.serverId = ?1 and key.vaultId = ?2", revoked.serverId(), revoked.vaultId())
                    .replaceWithVoid();
        }
        return groupGrants.apply(data);
    }

    private Uni<Void> register(VaultRegistered registered) {
        return directory.findById(registered.vaultId()).chain(existing -> {
            DirectoryVault vault = existing != null ? existing : new DirectoryVault();
            vault.vaultId = registered.vaultId();
            vault.name = registered.name();
            vault.vaultType = registered.vaultType();
            return directory.persist(vault).replaceWithVoid();
        });
    }

    private Uni<Void> grant(VaultGranted granted, OffsetDateTime time) {
        ServerVault.Key key = new ServerVault.Key(granted.serverId(), granted.vaultId());
        return serverVaults.findById(key).chain(existing -> {
            if (existing != null) {
                return Uni.createFrom().voidItem();
            }
            ServerVault vault = new ServerVault();
            vault.key = key;
            vault.grantedAt = time;
            return serverVaults.persist(vault).replaceWithVoid();
        });
    }
}

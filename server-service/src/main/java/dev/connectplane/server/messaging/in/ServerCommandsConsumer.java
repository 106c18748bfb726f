package dev.connectplane.server.messaging.in;

import dev.connectplane.contracts.commands.CommandPayloads.CreateServer;
import dev.connectplane.contracts.commands.CommandPayloads.DeleteServer;
import dev.connectplane.contracts.commands.CommandPayloads.EditServer;
import dev.connectplane.contracts.commands.CommandType;
import dev.connectplane.foundation.commands.CommandHandlers;
import dev.connectplane.foundation.commands.CommandProcessor;
import dev.connectplane.foundation.commands.CommandResult;
import dev.connectplane.server.config.ServerServiceConfig;
import dev.connectplane.server.mapping.ServerViewMapper;
import dev.connectplane.server.repository.ServerVaultRepository;
import dev.connectplane.server.service.ServerService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * {@code server.create}, {@code server.edit} and {@code server.delete} from
 * {@code connect.servers.commands}, through {@link ServerService} as REST goes. A created
 * server's credentials document is in the reply only when the command sets
 * {@code return_credentials}.
 */
@ApplicationScoped
public class ServerCommandsConsumer {

    private final CommandProcessor processor;
    private final CommandHandlers handlers;

    public ServerCommandsConsumer(CommandProcessor processor, ServerService service, ServerVaultRepository serverVaults,
                                  ServerServiceConfig config) {
        this.processor = processor;
        this.handlers = new CommandHandlers()
                .on(CommandType.SERVER_CREATE, CreateServer.class, (create, actor, commandId) ->
                        service.create(create.name(), create.vaults(), actor, commandId).map(created -> {
                            var view = ServerViewMapper.toCreatedView(created, config.apiAddress());
                            return Boolean.TRUE.equals(create.returnCredentials())
                                    ? CommandResult.withSecret(view, Map.of("server", view.server()))
                                    : CommandResult.of(Map.of("server", view.server()));
                        }))
                .on(CommandType.SERVER_EDIT, EditServer.class, (edit, actor, commandId) ->
                        service.rename(edit.server(), edit.name(), actor, commandId)
                                .chain(server -> serverVaults.vaultsOf(List.of(server.id))
                                        .map(vaults -> CommandResult.of(ServerViewMapper.toView(server,
                                                vaults.getOrDefault(server.id, List.of()))))))
                .on(CommandType.SERVER_DELETE, DeleteServer.class, (delete, actor, commandId) ->
                        service.delete(delete.server(), actor, commandId)
                                .map(server -> CommandResult.of(Map.of("id", server.id, "name", server.name,
                                        "state", server.state.name()))));
    }

    @Incoming("server-commands")
    @ActivateRequestContext
    public Uni<Void> onCommand(ConsumerRecord<String, String> record) {
        return processor.process(record, handlers);
    }
}

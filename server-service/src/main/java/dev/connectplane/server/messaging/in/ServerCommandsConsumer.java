package dev.connectplane.server.messaging.in;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.connectplane.contracts.commands.CommandPayloads.CreateServer;
import dev.connectplane.contracts.commands.CommandPayloads.DeleteServer;
import dev.connectplane.contracts.commands.CommandPayloads.EditServer;
import dev.connectplane.contracts.commands.CommandType;
import dev.connectplane.foundation.commands.CommandDispatch;
import dev.connectplane.foundation.commands.CommandHandlers;
import dev.connectplane.foundation.commands.CommandResult;
import dev.connectplane.foundation.secrets.ReplyEncryption;
import dev.connectplane.server.config.ServerServiceConfig;
import dev.connectplane.server.mapping.ServerViewMapper;
import dev.connectplane.server.repository.ServerVaultRepository;
import dev.connectplane.server.rest.CreatedServerView;
import dev.connectplane.server.rest.CredentialsDocument;
import dev.connectplane.server.rest.EncryptedServerView;
import dev.connectplane.server.rest.ServerView;
import dev.connectplane.server.service.ServerService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * {@code server.create}, {@code server.edit} and {@code server.delete} from
 * {@code connect.servers.commands}, through {@link ServerService} as REST goes. A created
 * server's credentials document is in the reply only when the command gives {@code reply_key},
 * and then only encrypted to that key ({@code credentials_jwe}, {@link ReplyEncryption});
 * {@code return_credentials} without a key is refused (400), nothing created.
 */
@ApplicationScoped
public class ServerCommandsConsumer {

    private final CommandDispatch dispatch;
    private final CommandHandlers handlers;
    private final ObjectMapper mapper;

    public ServerCommandsConsumer(CommandDispatch dispatch, ServerService service, ServerVaultRepository serverVaults,
                                  ServerServiceConfig config, ObjectMapper mapper) {
        this.dispatch = dispatch;
        this.mapper = mapper;
        this.handlers = new CommandHandlers()
                .on(CommandType.SERVER_CREATE, CreateServer.class, (create, context) -> {
                    ReplyEncryption.requireKeyIfAsked(create.wantsSecret(), create.replyKey(), "a credentials document",
                            "return_credentials");
                    return service.create(create.name(), create.vaults(), context)
                            .map(created -> result(create, ServerViewMapper.toCreatedView(created, config.apiAddress())));
                })
                .on(CommandType.SERVER_EDIT, EditServer.class, (edit, context) ->
                        service.rename(edit.server(), edit.name(), context)
                                .chain(server -> serverVaults.vaultsOf(List.of(server.id))
                                        .map(vaults -> CommandResult.of(ServerViewMapper.toView(server,
                                                vaults.getOrDefault(server.id, List.of()))))))
                .on(CommandType.SERVER_DELETE, DeleteServer.class, (delete, context) ->
                        service.delete(delete.server(), context)
                                .map(server -> CommandResult.of(Map.of("id", server.id, "name", server.name,
                                        "state", server.state.name()))));
    }

    /** The server; with {@code reply_key}, also its credentials document encrypted to it (not kept for repeats). */
    private CommandResult result(CreateServer create, CreatedServerView created) {
        Map<String, ServerView> server = Map.of("server", created.server());
        if (create.replyKey() == null) {
            return CommandResult.of(server);
        }
        String jwe = ReplyEncryption.encrypt(create.replyKey(), credentialsJson(created.credentials()));
        return CommandResult.withSecret(new EncryptedServerView(created.server(), jwe), server);
    }

    private String credentialsJson(CredentialsDocument credentials) {
        try {
            return mapper.writeValueAsString(credentials);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the credentials document could not be written", e);
        }
    }

    @Incoming("server-commands")
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public Uni<Void> onCommand(Message<String> message) {
        return dispatch.submit(message, handlers);
    }
}

package dev.connectplane.token.messaging.in;

import dev.connectplane.contracts.commands.CommandPayloads.CreateToken;
import dev.connectplane.contracts.commands.CommandPayloads.DeleteToken;
import dev.connectplane.contracts.commands.CommandPayloads.EditToken;
import dev.connectplane.contracts.commands.CommandType;
import dev.connectplane.foundation.commands.CommandDispatch;
import dev.connectplane.foundation.commands.CommandHandlers;
import dev.connectplane.foundation.commands.CommandResult;
import dev.connectplane.foundation.outbox.OutboxWriter;
import dev.connectplane.foundation.secrets.ReplyEncryption;
import dev.connectplane.token.introspection.IntrospectionCache;
import dev.connectplane.token.mapping.TokenViewMapper;
import dev.connectplane.token.rest.EncryptedTokenView;
import dev.connectplane.token.rest.TokenView;
import dev.connectplane.token.service.CreateTokenCommand;
import dev.connectplane.token.service.IssuedToken;
import dev.connectplane.token.service.TokenService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * {@code token.create}, {@code token.edit} and {@code token.delete} from
 * {@code connect.tokens.commands}, through {@link TokenService} as REST goes. The token itself is
 * in the reply only when the command gives {@code reply_key}, and then only encrypted to that key
 * ({@code token_jwe}, {@link ReplyEncryption}); {@code return_token} without a key is refused
 * (400), nothing created. A repeat of the command gets the reply without it.
 */
@ApplicationScoped
public class TokenCommandsConsumer {

    private final CommandDispatch dispatch;
    private final CommandHandlers handlers;

    public TokenCommandsConsumer(CommandDispatch dispatch, TokenService service, IntrospectionCache cache) {
        this.dispatch = dispatch;
        this.handlers = new CommandHandlers()
                .on(CommandType.TOKEN_CREATE, CreateToken.class, (create, context) -> {
                    ReplyEncryption.requireKeyIfAsked(create.wantsSecret(), create.replyKey(), "a token", "return_token");
                    return service.create(CreateTokenCommand.of(create.name(), create.server(), create.vaults(),
                            create.expiresIn()), context).map(issued -> result(create, issued));
                })
                .on(CommandType.TOKEN_EDIT, EditToken.class, (edit, context) ->
                        service.rename(edit.server(), edit.token(), edit.name(), context)
                                .map(issued -> CommandResult.of(TokenViewMapper.toView(issued, OutboxWriter.now()))))
                .on(CommandType.TOKEN_DELETE, DeleteToken.class, (delete, context) ->
                        service.delete(delete.server(), delete.token(), context)
                                .map(tokenId -> CommandResult.of(Map.of("id", tokenId, "server", delete.server(),
                                                "state", "revoked"))
                                        // inside the command's transaction the service's own
                                        // invalidation runs before the commit; this one after it
                                        .thenAfterCommit(() -> cache.invalidateToken(tokenId))));
    }

    /** The token as listed; with {@code reply_key}, also the token encrypted to it (not kept for repeats). */
    private static CommandResult result(CreateToken create, IssuedToken issued) {
        TokenView view = TokenViewMapper.toView(issued, OutboxWriter.now());
        if (create.replyKey() == null) {
            return CommandResult.of(view);
        }
        String jwe = ReplyEncryption.encrypt(create.replyKey(), issued.secret());
        return CommandResult.withSecret(new EncryptedTokenView(view, jwe), view);
    }

    @Incoming("token-commands")
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public Uni<Void> onCommand(Message<String> message) {
        return dispatch.submit(message, handlers);
    }
}

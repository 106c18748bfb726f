package dev.connectplane.access.messaging.in;

import dev.connectplane.access.mapping.AccessViewMapper;
import dev.connectplane.access.service.GroupGrantService;
import dev.connectplane.access.service.GroupGrantTarget;
import dev.connectplane.access.service.VaultGrantService;
import dev.connectplane.contracts.commands.CommandPayloads.GroupAccess;
import dev.connectplane.contracts.commands.CommandPayloads.VaultAccess;
import dev.connectplane.contracts.commands.CommandType;
import dev.connectplane.foundation.commands.CommandDispatch;
import dev.connectplane.foundation.commands.CommandHandlers;
import dev.connectplane.foundation.commands.CommandResult;
import dev.connectplane.foundation.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * {@code vault.grant}, {@code vault.revoke}, {@code group.grant} and {@code group.revoke} from
 * {@code connect.access.commands}, through the same services as the REST API.
 */
@ApplicationScoped
public class AccessCommandsConsumer {

    private final CommandDispatch dispatch;
    private final CommandHandlers handlers;

    public AccessCommandsConsumer(CommandDispatch dispatch, VaultGrantService vaults, GroupGrantService groups) {
        this.dispatch = dispatch;
        this.handlers = new CommandHandlers()
                .on(CommandType.VAULT_GRANT, VaultAccess.class, (grant, context) ->
                        vaults.grant(grant.server(), grant.vault(), context)
                                .map(outcome -> CommandResult.of(AccessViewMapper.toView(outcome.grant(), outcome.created()))))
                .on(CommandType.VAULT_REVOKE, VaultAccess.class, (revoke, context) ->
                        vaults.revoke(revoke.server(), revoke.vault(), context)
                                .replaceWith(CommandResult.of(Map.of("server", revoke.server(), "vault", revoke.vault(),
                                        "revoked", true))))
                .on(CommandType.GROUP_GRANT, GroupAccess.class, (grant, context) ->
                        groups.grant(grant.group(), target(grant), context)
                                .map(outcome -> CommandResult.of(AccessViewMapper.toView(outcome.grant(), outcome.created()))))
                .on(CommandType.GROUP_REVOKE, GroupAccess.class, (revoke, context) ->
                        groups.revoke(revoke.group(), target(revoke), context)
                                .replaceWith(CommandResult.of(Map.of("group", revoke.group(), "scope",
                                        target(revoke).scope().wireName(), "revoked", true))));
    }

    @Incoming("access-commands")
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public Uni<Void> onCommand(Message<String> message) {
        return dispatch.submit(message, handlers);
    }

    private static GroupGrantTarget target(GroupAccess access) {
        if (access.group() == null || access.group().isBlank()) {
            throw ProblemException.badRequest("missing-group", "name the group by ID or name in 'group'");
        }
        boolean allServers = Boolean.TRUE.equals(access.allServers());
        if (access.server() != null && allServers) {
            throw ProblemException.badRequest("conflicting-scope", "give 'server' or 'all_servers', not both");
        }
        if (access.server() != null) {
            return GroupGrantTarget.server(access.server());
        }
        return allServers ? GroupGrantTarget.allServers() : GroupGrantTarget.managers();
    }
}

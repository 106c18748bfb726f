package dev.connectplane.foundation.authz;

import dev.connectplane.contracts.envelope.Actor;
import dev.connectplane.foundation.auth.BearerAuthentication;
import dev.connectplane.foundation.config.FoundationConfig;
import dev.connectplane.foundation.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The one place each service decides what a caller may do, from the caller's groups and the
 * grants the service knows (its own projection): members of the bootstrap managers group or of
 * a group granted as managers may do everything; a group granted on a server, or on all servers,
 * may manage that server, its vaults and its tokens. An object the caller may not manage is
 * answered as if it did not exist (404); an action it may not take is 403.
 */
@ApplicationScoped
public class Authorizer {

    private final GrantLookup grants;
    private final String managersGroup;

    public Authorizer(GrantLookup grants, FoundationConfig config) {
        this.grants = grants;
        this.managersGroup = config.auth().managersGroup();
    }

    public Uni<CallerRights> rightsOf(Actor actor) {
        return switch (actor.type()) {
            case SYSTEM -> Uni.createFrom().item(CallerRights.EVERYTHING);
            case SERVER -> Uni.createFrom().item(CallerRights.NOTHING);
            case USER -> BearerAuthentication.memberOf(actor.groups(), managersGroup)
                    ? Uni.createFrom().item(CallerRights.EVERYTHING)
                    : grants.grantsOf(actor.groups()).map(CallerRights::of);
        };
    }

    /** Fails with 403 unless the caller is a Secrets Automation manager; {@code action} completes "may only ...". */
    public Uni<CallerRights> requireManager(Actor actor, String action) {
        return rightsOf(actor).invoke(rights -> {
            if (!rights.manager()) {
                throw ProblemException.forbidden("only Secrets Automation managers may " + action);
            }
        });
    }

    /**
     * Fails with the same 404 as a server that does not exist unless the caller may manage the
     * server {@code serverId}, which the caller named {@code reference}.
     */
    public Uni<CallerRights> requireServer(Actor actor, String serverId, String reference) {
        return rightsOf(actor).invoke(rights -> {
            if (!rights.canManage(serverId)) {
                throw ProblemException.notFound("server", reference);
            }
        });
    }
}

package dev.connectplane.foundation.caller;

import dev.connectplane.contracts.envelope.Actor;
import dev.connectplane.foundation.auth.BearerAuthentication;
import dev.connectplane.foundation.problem.ProblemException;
import jakarta.enterprise.context.RequestScoped;

/**
 * Who is making the current REST request, as authenticated by
 * {@link dev.connectplane.foundation.auth.BearerAuthenticationFilter}: the actor that creator IDs,
 * event actors and authorization decisions use.
 */
@RequestScoped
public class CurrentCaller {

    private Actor actor;

    public void authenticated(Actor actor) {
        this.actor = actor;
    }

    /** The authenticated caller; a 401 problem on a request nobody authenticated. */
    public Actor actor() {
        if (actor == null) {
            throw ProblemException.unauthorized(BearerAuthentication.CHALLENGE, "this request needs a bearer token");
        }
        return actor;
    }

    /** The context of the request's change: the caller, and no causing command. */
    public CallContext context() {
        return CallContext.request(actor());
    }
}

package dev.connectplane.foundation.caller;

import dev.connectplane.contracts.envelope.Actor;
import jakarta.enterprise.context.RequestScoped;
import java.util.List;

/**
 * Who is making the current request. Until authentication is in place (bearer JWTs with a
 * groups claim, see the authorization issue) every caller is the anonymous user, and that is
 * what creator IDs and event actors record.
 */
@RequestScoped
public class CurrentCaller {

    public static final String ANONYMOUS = "anonymous";

    public Actor actor() {
        return Actor.user(ANONYMOUS, List.of());
    }
}

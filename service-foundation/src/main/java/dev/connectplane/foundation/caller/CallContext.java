package dev.connectplane.foundation.caller;

import dev.connectplane.contracts.envelope.Actor;
import dev.connectplane.contracts.envelope.EventEnvelope;
import java.util.Optional;

/**
 * Who asks for a change and what caused it, the one context every service method takes, from REST
 * and Kafka alike: the actor (authorization, creator IDs, the events' {@code actor}) and the
 * causation (the events' {@code causationid}, and so the audit record's command). A REST request
 * causes its change itself; a command over Kafka is the cause of what it changes; a consumer
 * reacting to an event passes that event's causation on, so a cascade names the command that
 * started it.
 */
public final class CallContext {

    private final Actor actor;
    private final String causationId;

    private CallContext(Actor actor, String causationId) {
        this.actor = actor;
        this.causationId = causationId;
    }

    /** A REST request of {@code actor}: no command caused it. */
    public static CallContext request(Actor actor) {
        return new CallContext(actor, null);
    }

    /** The command {@code commandId} of {@code actor}. */
    public static CallContext command(Actor actor, String commandId) {
        return new CallContext(actor, commandId);
    }

    /**
     * A reaction to {@code cause}: its actor (or, for an event without one, its source service as
     * a system actor), and the command that caused it, if one did.
     */
    public static CallContext following(EventEnvelope<?> cause) {
        Actor actor = cause.actor() != null ? cause.actor() : Actor.system(cause.source());
        return new CallContext(actor, cause.causationid());
    }

    /** A change the service makes by itself (startup seeding, key retirement by schedule), as {@code actor}. */
    public static CallContext system(Actor actor) {
        return new CallContext(actor, null);
    }

    public Actor actor() {
        return actor;
    }

    /** The command that caused the change, if one did. */
    public Optional<String> causationId() {
        return Optional.ofNullable(causationId);
    }

    @Override
    public String toString() {
        return "CallContext[actor=" + actor.id() + ", causation=" + causationId + "]";
    }
}

package dev.connectplane.foundation.commands;

import dev.connectplane.contracts.envelope.Actor;
import io.smallrye.mutiny.Uni;

/**
 * Runs one type of command for an authenticated caller, through the same service method (and so
 * the same validation and authorization) as the REST endpoint. It runs inside the transaction
 * that records the command and its reply; a {@link dev.connectplane.foundation.problem.ProblemException}
 * rolls the effect back and becomes the rejection.
 */
@FunctionalInterface
public interface CommandHandler<P> {

    Uni<CommandResult> handle(P payload, Actor actor, String commandId);
}

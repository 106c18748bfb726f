package dev.connectplane.foundation.commands;

import dev.connectplane.foundation.caller.CallContext;
import io.smallrye.mutiny.Uni;

/**
 * Runs one type of command for an authenticated caller, through the same service method (and so
 * the same validation and authorization) as the REST endpoint. It runs inside the transaction
 * that records the command and its reply; a {@link dev.connectplane.foundation.problem.ProblemException}
 * rolls the effect back and becomes the rejection.
 */
@FunctionalInterface
public interface CommandHandler<P> {

    /** The command's effect, as {@code context}: its caller, and the command as the cause of what it changes. */
    Uni<CommandResult> handle(P payload, CallContext context);
}

package dev.connectplane.foundation.commands;

/**
 * What a command handler answers: the result for the reply and, when that result carries a
 * secret the command asked for, the same result without it (kept for repeats of the command).
 */
public record CommandResult(Object result, Object withoutSecret) {

    /** A result with no secret in it. */
    public static CommandResult of(Object result) {
        return new CommandResult(result, null);
    }

    /** A result that carries a secret, and what may be stored and replayed instead. */
    public static CommandResult withSecret(Object result, Object withoutSecret) {
        return new CommandResult(result, withoutSecret);
    }

    public boolean carriesSecret() {
        return withoutSecret != null;
    }

    public Object stored() {
        return carriesSecret() ? withoutSecret : result;
    }
}

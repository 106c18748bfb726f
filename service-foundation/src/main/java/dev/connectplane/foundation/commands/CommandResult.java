package dev.connectplane.foundation.commands;

/**
 * What a command handler answers: the result for the reply and, when that result carries a
 * secret the command asked for, the same result without it (kept for repeats of the command);
 * and what to do once the command's transaction has committed (what REST does after its own
 * commit, such as dropping a revoked token from a cache).
 */
public record CommandResult(Object result, Object withoutSecret, Runnable afterCommit) {

    /** A result with no secret in it. */
    public static CommandResult of(Object result) {
        return new CommandResult(result, null, () -> { });
    }

    /** A result that carries a secret, and what may be stored and replayed instead. */
    public static CommandResult withSecret(Object result, Object withoutSecret) {
        return new CommandResult(result, withoutSecret, () -> { });
    }

    /** This result, with {@code action} to run after the commit. */
    public CommandResult thenAfterCommit(Runnable action) {
        return new CommandResult(result, withoutSecret, action);
    }

    public boolean carriesSecret() {
        return withoutSecret != null;
    }

    public Object stored() {
        return carriesSecret() ? withoutSecret : result;
    }
}

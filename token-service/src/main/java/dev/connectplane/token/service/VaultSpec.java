package dev.connectplane.token.service;

import dev.connectplane.foundation.problem.ProblemException;
import java.util.Locale;

/**
 * One {@code --vault} argument: a vault ID or name, optionally followed by {@code ,r},
 * {@code ,w} or {@code ,rw}. Without a suffix the token gets the server's permissions (read
 * and write). A comma followed by anything else is part of the vault's name.
 *
 * @param vault the vault's ID or name
 */
public record VaultSpec(String vault, boolean read, boolean write) {

    public static VaultSpec parse(String text) {
        String value = text == null ? "" : text.strip();
        int comma = value.lastIndexOf(',');
        String vault = value;
        boolean read = true;
        boolean write = true;
        if (comma >= 0) {
            String suffix = value.substring(comma + 1).strip().toLowerCase(Locale.ROOT);
            switch (suffix) {
                case "r" -> write = false;
                case "w" -> read = false;
                case "rw", "wr" -> { }
                default -> suffix = null;
            }
            if (suffix != null) {
                vault = value.substring(0, comma).strip();
            }
        }
        if (vault.isEmpty()) {
            throw ProblemException.badRequest("invalid-vault-scope",
                    "vault '" + value + "' is not valid: expected a vault ID or name, optionally followed by ,r ,w or ,rw");
        }
        return new VaultSpec(vault, read, write);
    }
}

package dev.connectplane.token.service;

import dev.connectplane.foundation.names.Names;
import dev.connectplane.foundation.problem.ProblemException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A validated request to create a token: its name, the server (ID or name), at least one vault
 * scope and an optional lifetime.
 */
public record CreateTokenCommand(String name, String server, List<VaultSpec> vaults, Duration expiresIn) {

    /** The most vaults one token may name. */
    public static final int MAX_VAULTS = 100;

    /** Checks and parses the raw fields; every failure is a 400 that says what is accepted. */
    public static CreateTokenCommand of(String name, String server, List<String> vaults, String expiresIn) {
        String validName = Names.validate("token", name);
        if (server == null || server.isBlank()) {
            throw ProblemException.badRequest("missing-server", "a token belongs to a server: give its ID or name");
        }
        if (vaults == null || vaults.isEmpty()) {
            throw ProblemException.badRequest("missing-vaults",
                    "a token needs at least one vault: a vault ID or name, optionally followed by ,r ,w or ,rw");
        }
        if (vaults.size() > MAX_VAULTS) {
            throw ProblemException.badRequest("too-many-vaults", "a token may name at most " + MAX_VAULTS + " vaults");
        }
        List<VaultSpec> specs = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String vault : vaults) {
            VaultSpec spec = VaultSpec.parse(vault);
            if (!seen.add(spec.vault().toLowerCase(Locale.ROOT))) {
                throw ProblemException.badRequest("duplicate-vault", "vault '" + spec.vault()
                        + "' is named more than once: give each vault once with all its permissions, e.g. " + spec.vault() + ",rw");
            }
            specs.add(spec);
        }
        return new CreateTokenCommand(validName, server.strip(), specs, ExpiryParser.parse(expiresIn));
    }

    public List<String> vaultReferences() {
        return vaults.stream().map(VaultSpec::vault).toList();
    }
}

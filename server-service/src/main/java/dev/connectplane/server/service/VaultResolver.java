package dev.connectplane.server.service;

import dev.connectplane.contracts.common.VaultRef;
import dev.connectplane.foundation.ids.IdGenerator;
import dev.connectplane.foundation.problem.ProblemException;
import dev.connectplane.server.repository.DirectoryVault;
import dev.connectplane.server.repository.DirectoryVaultRepository;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Resolves the vaults asked for at server creation against the projected directory. All
 * references are checked before anything is created, and every problem is reported at once:
 * unknown references (404), names that match several vaults (409), and built-in or default
 * Shared vaults, which can never be granted (422).
 */
@ApplicationScoped
public class VaultResolver {

    private final DirectoryVaultRepository directory;

    public VaultResolver(DirectoryVaultRepository directory) {
        this.directory = directory;
    }

    public Uni<List<VaultRef>> resolve(List<String> references) {
        List<String> distinct = references.stream().map(String::strip).distinct().toList();
        // One after the other: a reactive session runs one statement at a time.
        return Multi.createFrom().iterable(distinct)
                .onItem().transformToUniAndConcatenate(this::match)
                .collect().asList()
                .map(VaultResolver::check);
    }

    private Uni<Match> match(String reference) {
        if (reference.isEmpty()) {
            return Uni.createFrom().failure(
                    ProblemException.badRequest("invalid-vault-reference", "a vault reference may not be empty"));
        }
        if (IdGenerator.looksLikeId(reference)) {
            return directory.findById(reference).chain(byId -> byId != null
                    ? Uni.createFrom().item(new Match(reference, List.of(byId)))
                    : byName(reference));
        }
        return byName(reference);
    }

    private Uni<Match> byName(String reference) {
        return directory.findByNameIgnoringCase(reference).map(found -> {
            List<DirectoryVault> exact = found.stream().filter(v -> v.name.equals(reference)).toList();
            return new Match(reference, exact.size() == 1 ? exact : found);
        });
    }

    private static List<VaultRef> check(List<Match> matches) {
        List<String> unknown = matches.stream().filter(m -> m.vaults.isEmpty()).map(Match::reference).toList();
        if (!unknown.isEmpty()) {
            throw new ProblemException(404, "vault-not-found", "Vault not found",
                    "no vault is named or has the ID " + quoteAll(unknown), Map.of("vaults", unknown));
        }
        for (Match match : matches) {
            if (match.vaults.size() > 1) {
                throw ProblemException.ambiguous("vault", match.reference,
                        match.vaults.stream().map(v -> v.vaultId).toList());
            }
        }
        List<String> protectedVaults = new ArrayList<>();
        Map<String, VaultRef> resolved = new LinkedHashMap<>();
        for (Match match : matches) {
            DirectoryVault vault = match.vaults.get(0);
            if (vault.vaultType.isProtectedFromServers()) {
                protectedVaults.add(vault.name + " (" + vault.vaultType.wireName() + ")");
            }
            resolved.putIfAbsent(vault.vaultId, new VaultRef(vault.vaultId, vault.name));
        }
        if (!protectedVaults.isEmpty()) {
            throw new ProblemException(422, "protected-vault", "Vault cannot be granted to a server",
                    "the built-in Personal, Private and Employee vaults and the default Shared vault can never be "
                            + "granted to a Connect server: " + String.join(", ", protectedVaults),
                    Map.of("vaults", protectedVaults));
        }
        return List.copyOf(resolved.values());
    }

    private static String quoteAll(List<String> references) {
        return String.join(", ", references.stream().map(r -> "'" + r + "'").toList());
    }

    private record Match(String reference, List<DirectoryVault> vaults) {
    }
}

package dev.connectplane.foundation.lookup;

import dev.connectplane.foundation.ids.IdGenerator;
import dev.connectplane.foundation.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.function.Function;

/**
 * The one rule for commands that take an object by ID or name: an ID is tried first (the fast
 * path, a primary-key read); otherwise the name. No match: 404 naming the reference. A name
 * that matches several objects: 409 listing their IDs.
 */
public final class IdOrName {

    private IdOrName() {
    }

    /**
     * @param kind   what is looked up, for the problem details ({@code server}, {@code vault}, ...)
     * @param byId   the object with this ID, or a null item
     * @param byName every object with this name
     * @param idOf   an object's ID, to list them when a name is ambiguous
     */
    public static <T> Uni<T> find(String kind, String reference, Function<String, Uni<T>> byId,
                                  Function<String, Uni<List<T>>> byName, Function<T, String> idOf) {
        String ref = reference == null ? "" : reference.strip();
        if (ref.isEmpty()) {
            return Uni.createFrom().failure(ProblemException.badRequest("invalid-" + kind + "-reference",
                    "a " + kind + " ID or name is required"));
        }
        Uni<T> found = IdGenerator.looksLikeId(ref) ? byId.apply(ref) : Uni.createFrom().nullItem();
        return found.chain(object -> object != null ? Uni.createFrom().item(object)
                : byName.apply(ref).map(matches -> single(kind, ref, matches, idOf)));
    }

    private static <T> T single(String kind, String reference, List<T> matches, Function<T, String> idOf) {
        if (matches.isEmpty()) {
            throw ProblemException.notFound(kind, reference);
        }
        if (matches.size() > 1) {
            throw ProblemException.ambiguous(kind, reference, matches.stream().map(idOf).toList());
        }
        return matches.get(0);
    }
}

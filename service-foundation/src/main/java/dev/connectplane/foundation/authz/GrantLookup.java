package dev.connectplane.foundation.authz;

import io.smallrye.mutiny.Uni;
import java.util.List;

/** Finds the grants held by any of a caller's groups (matched by group ID or by name, ignoring case). */
public interface GrantLookup {

    Uni<List<CallerRights.Grant>> grantsOf(List<String> groups);
}

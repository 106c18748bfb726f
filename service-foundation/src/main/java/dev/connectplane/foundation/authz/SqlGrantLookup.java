package dev.connectplane.foundation.authz;

import dev.connectplane.contracts.access.GrantScope;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A {@link GrantLookup} that asks one query of the service's own tables, outside any
 * transaction: {@code $1} is the caller's groups as given, {@code $2} the same lower-cased, and
 * each row has the grant's {@code scope} (enum name) and {@code server_id} ({@code ''} for none).
 */
public abstract class SqlGrantLookup implements GrantLookup {

    private final Pool pool;
    private final String query;

    protected SqlGrantLookup(Pool pool, String query) {
        this.pool = pool;
        this.query = query;
    }

    @Override
    public Uni<List<CallerRights.Grant>> grantsOf(List<String> groups) {
        if (groups.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        String[] given = groups.toArray(String[]::new);
        String[] lowered = groups.stream().map(g -> g.toLowerCase(Locale.ROOT)).toArray(String[]::new);
        return pool.preparedQuery(query)
                .execute(Tuple.tuple().addArrayOfString(given).addArrayOfString(lowered))
                .map(rows -> {
                    List<CallerRights.Grant> grants = new ArrayList<>();
                    for (Row row : rows) {
                        String serverId = row.getString("server_id");
                        grants.add(new CallerRights.Grant(GrantScope.valueOf(row.getString("scope")),
                                serverId == null || serverId.isEmpty() ? null : serverId));
                    }
                    return grants;
                });
    }
}

package dev.connectplane.access.repository;

import dev.connectplane.foundation.authz.SqlGrantLookup;
import dev.connectplane.foundation.config.FoundationConfig;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Singleton;

/**
 * Authorization in access-service reads the grants it owns, so a grant or revoke counts here
 * from its commit on; the other services read their projections of the same grants.
 */
@Singleton
public class OwnedGrantLookup extends SqlGrantLookup {

    public OwnedGrantLookup(Pool pool, FoundationConfig config) {
        super(pool, "select g.scope, g.server_id from " + config.dbSchema() + ".group_grant g"
                + " join " + config.dbSchema() + ".account_group a on a.id = g.group_id"
                + " where a.id = any($1) or lower(a.name) = any($2)");
    }
}

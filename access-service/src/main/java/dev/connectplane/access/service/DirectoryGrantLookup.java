package dev.connectplane.access.service;

import dev.connectplane.foundation.authz.SqlGrantLookup;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Singleton;

/**
 * Authorization in access-service reads the grants it owns, so a grant or revoke counts here
 * from its commit on; the other services read their projections of the same grants.
 */
@Singleton
public class DirectoryGrantLookup extends SqlGrantLookup {

    public DirectoryGrantLookup(Pool pool) {
        super(pool, "select g.scope, g.server_id from access_service.group_grant g"
                + " join access_service.account_group a on a.id = g.group_id"
                + " where a.id = any($1) or lower(a.name) = any($2)");
    }
}

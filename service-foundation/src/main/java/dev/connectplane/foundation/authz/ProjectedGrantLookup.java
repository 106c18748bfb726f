package dev.connectplane.foundation.authz;

import dev.connectplane.foundation.config.FoundationConfig;
import io.quarkus.arc.DefaultBean;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Singleton;

/**
 * Reads the grants from the service's own projection, {@code authz_group_grant}, which
 * {@link GroupGrantProjection} keeps from access-service's events. access-service, which owns the
 * grants, replaces this bean with a lookup of its own tables.
 */
@DefaultBean
@Singleton
public class ProjectedGrantLookup extends SqlGrantLookup {

    public ProjectedGrantLookup(Pool pool, FoundationConfig config) {
        super(pool, "select scope, server_id from " + config.dbSchema() + ".authz_group_grant"
                + " where group_id = any($1) or group_name_key = any($2)");
    }
}

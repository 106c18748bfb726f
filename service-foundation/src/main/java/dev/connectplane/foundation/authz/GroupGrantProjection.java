package dev.connectplane.foundation.authz;

import dev.connectplane.contracts.access.GroupGranted;
import dev.connectplane.contracts.access.GroupRevoked;
import dev.connectplane.contracts.envelope.EventPayload;
import dev.connectplane.foundation.config.FoundationConfig;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;

/**
 * Keeps {@code authz_group_grant} from GroupGranted and GroupRevoked, inside the consuming
 * transaction (so with the inbox record of the event). Grant and revoke of one grant share a
 * Kafka key and arrive in order; a revoke is a delete, so it takes effect on the next request.
 */
@ApplicationScoped
public class GroupGrantProjection {

    private final String upsert;
    private final String delete;

    public GroupGrantProjection(FoundationConfig config) {
        String table = config.dbSchema() + ".authz_group_grant";
        this.upsert = "insert into " + table + " (group_id, group_name_key, scope, server_id)"
                + " values (?1, ?2, ?3, ?4) on conflict (group_id, scope, server_id)"
                + " do update set group_name_key = excluded.group_name_key";
        this.delete = "delete from " + table + " where group_id = ?1 and scope = ?2 and server_id = ?3";
    }

    /** Whether the projection follows this kind of event. */
    public static boolean follows(EventPayload payload) {
        return payload instanceof GroupGranted || payload instanceof GroupRevoked;
    }

    /** Applies a GroupGranted or GroupRevoked; any other event changes nothing. */
    public Uni<Void> apply(EventPayload payload) {
        if (payload instanceof GroupGranted granted) {
            return Panache.getSession().chain(session -> session.createNativeQuery(upsert)
                    .setParameter(1, granted.groupId())
                    .setParameter(2, granted.groupName().toLowerCase(Locale.ROOT))
                    .setParameter(3, granted.scope().name())
                    .setParameter(4, serverKey(granted.serverId()))
                    .executeUpdate()).replaceWithVoid();
        }
        if (payload instanceof GroupRevoked revoked) {
            return Panache.getSession().chain(session -> session.createNativeQuery(delete)
                    .setParameter(1, revoked.groupId())
                    .setParameter(2, revoked.scope().name())
                    .setParameter(3, serverKey(revoked.serverId()))
                    .executeUpdate()).replaceWithVoid();
        }
        return Uni.createFrom().voidItem();
    }

    private static String serverKey(String serverId) {
        return serverId == null ? "" : serverId;
    }
}

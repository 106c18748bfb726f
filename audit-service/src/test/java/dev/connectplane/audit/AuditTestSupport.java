package dev.connectplane.audit;

import dev.connectplane.contracts.envelope.Actor;
import dev.connectplane.contracts.envelope.EventEnvelope;
import dev.connectplane.contracts.envelope.EventPayload;
import dev.connectplane.foundation.ids.IdGenerator;
import dev.connectplane.testing.TestEvents;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;

/** Publishing events as the other services would, and waiting for their audit records. */
final class AuditTestSupport {

    static final Actor ALICE = Actor.user("alice", List.of("DevOps", "Platform"));

    private AuditTestSupport() {
    }

    static String id() {
        return IdGenerator.newId();
    }

    static String unique(String prefix) {
        return prefix + " " + UUID.randomUUID().toString().substring(0, 8);
    }

    static EventEnvelope<EventPayload> publish(EventPayload payload) {
        return publish(payload, ALICE);
    }

    static EventEnvelope<EventPayload> publish(EventPayload payload, Actor actor) {
        return TestEvents.publish(payload, actor);
    }

    static void publish(String topic, EventEnvelope<?> event) {
        TestEvents.send(topic, event);
    }

    /** Waits until every one of these events has a chained record. */
    static void awaitChained(Pool pool, String... eventIds) {
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> count(pool,
                "select count(*) from audit_service.audit_record r join audit_service.audit_chain c on c.record_id = r.id "
                        + "where r.event_id = any($1)",
                (Object) eventIds) == eventIds.length);
    }

    static long count(Pool pool, String sql, Object... params) {
        return pool.preparedQuery(sql).execute(Tuple.from(params)).await().atMost(Duration.ofSeconds(10))
                .iterator().next().getLong(0);
    }
}

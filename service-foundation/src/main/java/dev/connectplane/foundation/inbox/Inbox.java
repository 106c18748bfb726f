package dev.connectplane.foundation.inbox;

import dev.connectplane.contracts.envelope.EventEnvelope;
import dev.connectplane.foundation.config.FoundationConfig;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The record of consumed events. {@link #recordFirstDelivery} inserts the event's ID in the
 * caller's transaction; a repeat hits the primary key and is reported as already processed,
 * so the effect and the record of it commit or roll back together.
 */
@ApplicationScoped
public class Inbox {

    private final String insert;

    public Inbox(FoundationConfig config) {
        this.insert = "insert into " + config.dbSchema() + ".inbox_processed_event "
                + "(event_id, event_type, source_topic, source_partition, source_offset) "
                + "values (?1, ?2, ?3, ?4, ?5) on conflict (event_id) do nothing";
    }

    /** Returns true when this is the first delivery of the event, false for a repeat. */
    public Uni<Boolean> recordFirstDelivery(EventEnvelope<?> event, ConsumerRecord<String, String> record) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(insert)
                        .setParameter(1, event.id())
                        .setParameter(2, event.type())
                        .setParameter(3, record.topic())
                        .setParameter(4, record.partition())
                        .setParameter(5, record.offset())
                        .executeUpdate())
                .map(inserted -> inserted == 1);
    }
}

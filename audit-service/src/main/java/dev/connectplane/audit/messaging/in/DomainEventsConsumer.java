package dev.connectplane.audit.messaging.in;

import com.fasterxml.jackson.databind.JsonNode;
import dev.connectplane.audit.mapping.AuditProjection;
import dev.connectplane.audit.repository.AuditStore;
import dev.connectplane.audit.siem.SiemFormats;
import dev.connectplane.contracts.Topics;
import dev.connectplane.contracts.envelope.EventCodec;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Records every message of the domain topics and the command replies: one audit record each,
 * at most once (the insert is keyed by event ID), its OCSF form queued for
 * {@code connect.audit.siem} in the same transaction. A message of a type this service does
 * not know is recorded raw. Only a message that is not a JSON object at all fails, and goes to
 * {@code connect.dead-letter.audit-service}; the consumer goes on.
 */
@ApplicationScoped
public class DomainEventsConsumer {

    private static final Logger LOG = Logger.getLogger(DomainEventsConsumer.class);

    private final AuditStore store;
    private final SiemFormats formats;

    public DomainEventsConsumer(AuditStore store, SiemFormats formats) {
        this.store = store;
        this.formats = formats;
    }

    @Incoming("domain-events")
    public Uni<Void> onEvent(ConsumerRecord<String, String> record) {
        JsonNode message;
        try {
            message = EventCodec.readTree(record.value());
        } catch (RuntimeException e) {
            message = null;
        }
        if (message == null || !message.isObject()) {
            LOG.warnf("message at %s-%d@%d is not a JSON object; it goes to the dead-letter topic",
                    record.topic(), record.partition(), record.offset());
            return Uni.createFrom().failure(new IllegalArgumentException("not a JSON object"));
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return store.append(AuditProjection.project(message,
                        new AuditProjection.Source(record.topic(), record.partition(), record.offset()), now),
                        Topics.AUDIT_SIEM, formats::ocsf)
                .replaceWithVoid();
    }
}

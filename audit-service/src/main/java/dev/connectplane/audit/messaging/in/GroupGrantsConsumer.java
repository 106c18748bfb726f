package dev.connectplane.audit.messaging.in;

import dev.connectplane.foundation.authz.GroupGrantProjection;
import dev.connectplane.foundation.inbox.IdempotentConsumer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Keeps audit-service's projection of group grants, which decides who is a manager and so who
 * may read the audit history. Apart from {@link DomainEventsConsumer}, which records the same
 * events for the history: this one applies each at most once through the inbox.
 */
@ApplicationScoped
public class GroupGrantsConsumer {

    private final IdempotentConsumer consumer;
    private final GroupGrantProjection projection;

    public GroupGrantsConsumer(IdempotentConsumer consumer, GroupGrantProjection projection) {
        this.consumer = consumer;
        this.projection = projection;
    }

    @Incoming("group-grants")
    @ActivateRequestContext
    public Uni<Void> onAccessEvent(ConsumerRecord<String, String> record) {
        return consumer.consume(record, event -> projection.apply(event.data()));
    }
}

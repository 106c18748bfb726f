package dev.connectplane.foundation.inbox;

import dev.connectplane.contracts.Topics;
import dev.connectplane.contracts.envelope.EventCodec;
import dev.connectplane.contracts.envelope.EventEnvelope;
import dev.connectplane.contracts.envelope.EventPayload;
import dev.connectplane.foundation.config.FoundationConfig;
import dev.connectplane.foundation.consumers.AppliedOffsets;
import dev.connectplane.foundation.consumers.ChannelTopics;
import dev.connectplane.foundation.faults.RetryingDelivery;
import dev.connectplane.foundation.operations.Replays;
import dev.connectplane.foundation.problem.EchoLimits;
import dev.connectplane.foundation.tracing.Traces;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

/**
 * Applies a consumed event at most once: decodes it, then in one transaction records its ID in
 * the {@link Inbox} and, only on its first delivery, runs the effect. A transient failure (the
 * database away, a deadlock) rolls the transaction back and is tried again on the same record
 * ({@link RetryingDelivery}) until it goes through. A message that cannot be decoded, whose
 * {@code source} is not the topic's owner ({@link #foreignSource}), or whose effect fails for good, comes back as a failed {@code Uni}; with the channel's
 * {@code dead-letter-queue} failure strategy it goes to the dead-letter topic, with the reason
 * and source topic, partition and offset in its headers, and the consumer goes on. A dead letter
 * replayed for another service ({@link Replays}) is skipped. Whichever way it ends, the record is
 * then counted as done with in {@link AppliedOffsets}.
 *
 * <p>Call it from an {@code @Incoming} method annotated {@code @ActivateRequestContext}.
 */
@ApplicationScoped
public class IdempotentConsumer {

    private static final Logger LOG = Logger.getLogger(IdempotentConsumer.class);

    private final Inbox inbox;
    private final RetryingDelivery delivery;
    private final String serviceName;
    private final AppliedOffsets applied;
    private final Traces traces;
    private final MeterRegistry registry;
    private final ChannelTopics channels;

    public IdempotentConsumer(Inbox inbox, RetryingDelivery delivery, FoundationConfig foundation,
                              AppliedOffsets applied, Traces traces, MeterRegistry registry, ChannelTopics channels) {
        this.traces = traces;
        this.registry = registry;
        this.channels = channels;
        this.inbox = inbox;
        this.delivery = delivery;
        this.serviceName = foundation.serviceName();
        this.applied = applied;
    }

    /**
     * Applies the record's event, in a span of its own (a child of the send that published it,
     * the parent of the outbox rows the effect writes).
     */
    public Uni<Void> consume(ConsumerRecord<String, String> record,
                             Function<EventEnvelope<EventPayload>, Uni<Void>> effect) {
        Span span = traces.receiving("process", record);
        return Traces.within(span, () -> handle(record, effect, span))
                .onItemOrFailure().invoke((ignored, failure) -> applied.done(record));
    }

    private Uni<Void> handle(ConsumerRecord<String, String> record,
                             Function<EventEnvelope<EventPayload>, Uni<Void>> effect, Span span) {
        if (Replays.isForAnotherService(record, serviceName)) {
            LOG.debugf("record at %s-%d@%d is a replay for another service, skipped", record.topic(),
                    record.partition(), record.offset());
            return Uni.createFrom().voidItem();
        }
        EventEnvelope<EventPayload> event;
        try {
            event = EventCodec.decode(record.value());
        } catch (RuntimeException e) {
            LOG.warnf("unreadable message at %s-%d@%d goes to the dead-letter topic: %s",
                    record.topic(), record.partition(), record.offset(), e.getMessage());
            return Uni.createFrom().failure(e);
        }
        Traces.handling(span, event.id(), event.type(), Traces.serverOf(event.data()));
        Optional<String> foreign = foreignSource(record.topic(), event.source());
        if (foreign.isPresent()) {
            LOG.warnf("event %s at %s-%d@%d goes to the dead-letter topic: %s", event.id(), record.topic(),
                    record.partition(), record.offset(), foreign.get());
            return Uni.createFrom().failure(new IllegalArgumentException(foreign.get()));
        }
        return delivery.untilApplied(record, () -> applyOnce(event, record, effect));
    }

    /**
     * Why an event's {@code source} is not the owner of the topic it came on (a forgery, or a
     * service writing where it must not), or empty when it is, or the topic has no single owner.
     */
    public static Optional<String> foreignSource(String topic, String source) {
        return Topics.ownerOf(topic)
                .map(Topics::sourceOf)
                .filter(expected -> !expected.equals(source))
                .map(expected -> "source '" + EchoLimits.text(source, 100) + "' is not " + expected
                        + ", the only publisher of " + topic);
    }

    private Uni<Void> applyOnce(EventEnvelope<EventPayload> event, ConsumerRecord<String, String> record,
                                Function<EventEnvelope<EventPayload>, Uni<Void>> effect) {
        return Panache.withTransaction(() -> inbox.recordFirstDelivery(event, record)
                        .call(first -> first ? effect.apply(event) : Uni.createFrom().voidItem()))
                .invoke(first -> committed(event, record, first))
                .replaceWithVoid();
    }

    /** After the commit: the event applied, or a repeat skipped (counted in {@code connect.inbox.duplicates}). */
    private void committed(EventEnvelope<EventPayload> event, ConsumerRecord<String, String> record, boolean first) {
        if (first) {
            LOG.debugf("event %s (%s) at %s-%d@%d applied", event.id(), event.type(), record.topic(),
                    record.partition(), record.offset());
        } else {
            LOG.debugf("event %s already processed, skipped", event.id());
            duplicates(record.topic()).increment();
        }
    }

    /** Every topic read here has its duplicates counter from the start, at 0. */
    void onStart(@Observes StartupEvent started) {
        channels.all().forEach(this::duplicates);
    }

    private Counter duplicates(String topic) {
        return Counter.builder("connect.inbox.duplicates")
                .description("events delivered again and skipped, by topic")
                .tag("topic", topic)
                .register(registry);
    }
}

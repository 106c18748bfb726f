package dev.connectplane.audit.messaging.in;

import com.fasterxml.jackson.databind.JsonNode;
import dev.connectplane.audit.mapping.AuditProjection;
import dev.connectplane.audit.repository.AuditRecord;
import dev.connectplane.audit.repository.AuditStore;
import dev.connectplane.audit.siem.SiemFormats;
import dev.connectplane.contracts.Topics;
import dev.connectplane.contracts.envelope.EventCodec;
import dev.connectplane.foundation.config.FoundationConfig;
import dev.connectplane.foundation.faults.RetryingDelivery;
import dev.connectplane.foundation.inbox.IdempotentConsumer;
import dev.connectplane.foundation.operations.DeadLettersWritten;
import dev.connectplane.foundation.operations.Replays;
import dev.connectplane.foundation.tracing.Traces;
import io.opentelemetry.api.trace.Span;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Records every message of the domain topics and the command replies, a consumer poll at a time:
 * one audit record each, at most once (the insert is keyed by event ID), the OCSF form of the
 * new ones queued for {@code connect.audit.siem} in the same statement. A message of a type
 * this service does not know is recorded raw. A message that is not a JSON object, or whose
 * data the database refuses, goes to {@code connect.dead-letter.audit-service}, with the same
 * headers SmallRye's dead-letter strategy writes, and the rest of its poll is recorded. A
 * transient failure is retried with back-off: nothing is acknowledged before it is stored. A
 * dead letter another service replays onto a topic read here is skipped ({@link Replays}). Each
 * record is stored in a span of its own, a child of the send that published it, ended when its
 * poll is stored: the audit record is the end of the trace of the change it records.
 */
@ApplicationScoped
public class DomainEventsConsumer {

    private static final Logger LOG = Logger.getLogger(DomainEventsConsumer.class);
    /** The name the consumer goes by in the stuck gauge and readiness: it reads several topics. */
    private static final String DOMAIN_EVENTS = "domain-events";

    private final AuditStore store;
    private final SiemFormats formats;
    private final MutinyEmitter<String> deadLetters;
    private final RetryingDelivery delivery;
    private final String serviceName;
    private final Traces traces;
    private final DeadLettersWritten written;

    public DomainEventsConsumer(AuditStore store, SiemFormats formats,
                                @Channel("audit-dead-letters") MutinyEmitter<String> deadLetters,
                                RetryingDelivery delivery, FoundationConfig foundation, Traces traces,
                                DeadLettersWritten written) {
        this.traces = traces;
        this.written = written;
        this.store = store;
        this.formats = formats;
        this.deadLetters = deadLetters;
        this.delivery = delivery;
        this.serviceName = foundation.serviceName();
    }

    @Incoming("domain-events")
    public Uni<Void> onEvents(ConsumerRecords<String, String> records) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        List<AuditRecord> drafts = new ArrayList<>(records.count());
        List<ConsumerRecord<String, String>> sources = new ArrayList<>(records.count());
        Map<ConsumerRecord<String, String>, String> poison = new LinkedHashMap<>();
        List<Span> spans = new ArrayList<>(records.count());
        for (ConsumerRecord<String, String> record : records) {
            if (Replays.isForAnotherService(record, serviceName)) {
                continue;
            }
            Span span = traces.receiving("record", record);
            spans.add(span);
            JsonNode message = parse(record.value());
            Optional<String> refusal = refusal(record, message);
            if (refusal.isPresent()) {
                poison.put(record, refusal.get());
                continue;
            }
            span.setAttribute(Traces.EVENT_ID, message.path("id").asText(""));
            span.setAttribute(Traces.EVENT_TYPE, message.path("type").asText(""));
            drafts.add(AuditProjection.project(message,
                    new AuditProjection.Source(record.topic(), record.partition(), record.offset()), now));
            sources.add(record);
        }
        return Multi.createFrom().iterable(poison.entrySet())
                .onItem().transformToUniAndConcatenate(refused -> deadLetter(refused.getKey(), refused.getValue()))
                .collect().last()
                .chain(() -> store(drafts, sources))
                .onTermination().invoke((stored, failure, cancelled) -> spans.forEach(span -> Traces.ended(span, failure)))
                .replaceWithVoid();
    }

    /**
     * Why a message is not recorded: not a JSON object, or an event whose {@code source} is not
     * its topic's owner (a forgery is evidence, kept on the dead-letter topic, not history).
     */
    private static Optional<String> refusal(ConsumerRecord<String, String> record, JsonNode message) {
        if (message == null || !message.isObject()) {
            return Optional.of("not a JSON object");
        }
        return IdempotentConsumer.foreignSource(record.topic(), message.path("source").asText(null));
    }

    /**
     * Stores a poll. When the database refuses the poll's data (an SQL data or integrity error,
     * e.g. a NUL character PostgreSQL cannot keep in jsonb), the records are stored one by one
     * and only the refused ones go to the dead-letter topic. A transient failure (the database
     * away) is retried with back-off until it succeeds ({@link RetryingDelivery}): nothing is
     * acknowledged before it is stored.
     */
    private Uni<Void> store(List<AuditRecord> drafts, List<ConsumerRecord<String, String>> sources) {
        if (drafts.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        ConsumerRecord<String, String> first = sources.get(0);
        String position = first.topic() + "-" + first.partition() + "@" + first.offset() + " and "
                + (sources.size() - 1) + " more";
        return delivery.untilApplied(DOMAIN_EVENTS, position, () -> storeOnce(drafts))
                .onFailure(AuditStore::refusesData)
                .recoverWithUni(refused -> storeApart(drafts, sources, refused));
    }

    private Uni<Void> storeOnce(List<AuditRecord> drafts) {
        return store.appendAll(drafts, Topics.AUDIT_SIEM, formats::ocsf)
                .replaceWithVoid();
    }

    /** One refused record goes to the dead-letter topic; a refused poll is stored record by record. */
    private Uni<Void> storeApart(List<AuditRecord> drafts, List<ConsumerRecord<String, String>> sources,
                                 Throwable refused) {
        if (drafts.size() == 1) {
            return deadLetter(sources.get(0), "refused by the database: " + refused.getMessage());
        }
        return Multi.createFrom().range(0, drafts.size())
                .onItem().transformToUniAndConcatenate(i -> store(List.of(drafts.get(i)), List.of(sources.get(i))))
                .collect().last()
                .replaceWithVoid();
    }

    private static JsonNode parse(String value) {
        try {
            return EventCodec.readTree(value);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private Uni<Void> deadLetter(ConsumerRecord<String, String> record, String reason) {
        LOG.warnf("message at %s-%d@%d goes to the dead-letter topic: %s", record.topic(), record.partition(),
                record.offset(), reason);
        RecordHeaders headers = new RecordHeaders();
        headers.add("dead-letter-reason", reason.getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-topic", record.topic().getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-partition", Integer.toString(record.partition()).getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-offset", Long.toString(record.offset()).getBytes(StandardCharsets.UTF_8));
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(record.key()).withHeaders(headers).build();
        return deadLetters.sendMessage(Message.of(record.value() == null ? "" : record.value()).addMetadata(metadata))
                .invoke(() -> written.written(record.topic()));
    }
}

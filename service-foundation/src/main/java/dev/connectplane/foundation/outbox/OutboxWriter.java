package dev.connectplane.foundation.outbox;

import dev.connectplane.contracts.Topics;
import dev.connectplane.contracts.envelope.Actor;
import dev.connectplane.contracts.envelope.EventCodec;
import dev.connectplane.contracts.envelope.EventEnvelope;
import dev.connectplane.contracts.envelope.EventPayload;
import dev.connectplane.contracts.envelope.EventType;
import dev.connectplane.foundation.caller.CallContext;
import dev.connectplane.foundation.config.FoundationConfig;
import dev.connectplane.foundation.tracing.Traces;
import io.opentelemetry.api.trace.Span;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

/**
 * Writes an event into the outbox table inside the caller's current Panache transaction, so
 * that the event exists exactly when the state change it describes is committed. The
 * {@link OutboxRelay} publishes it afterwards.
 */
@ApplicationScoped
public class OutboxWriter {

    private static final Logger LOG = Logger.getLogger(OutboxWriter.class);

    private final String source;
    static final int ROWS_PER_INSERT = 5000;

    private final String insert;
    private final String insertSensitive;
    private final String insertArrays;
    private final Traces traces;

    public OutboxWriter(FoundationConfig config, Traces traces) {
        this.traces = traces;
        this.source = Topics.sourceOf(config.serviceName());
        this.insert = "insert into " + config.dbSchema() + ".outbox_event (event_id, topic, record_key, event_type, "
                + "payload, trace_parent) values (?1, ?2, ?3, ?4, ?5, ?6)";
        this.insertSensitive = "insert into " + config.dbSchema() + ".outbox_event (event_id, topic, record_key, "
                + "event_type, payload, trace_parent, scrub_on_publish) values (?1, ?2, ?3, ?4, ?5, ?6, true)";
        String schema = config.dbSchema();
        this.insertArrays = "with given as (select * from unnest(cast(?1 as text[]), cast(?2 as text[]), "
                + "cast(?3 as text[]), cast(?4 as text[]), cast(?5 as text[])) with ordinality "
                + "as given(event_id, topic, record_key, event_type, payload, ord)), "
                + "locked as (select count(pg_advisory_xact_lock(hashtext('outbox-key:" + schema + ":' || record_key))) "
                + "as keys from (select distinct record_key from given) as distinct_keys) "
                + "insert into " + schema + ".outbox_event (seq, event_id, topic, record_key, event_type, payload, "
                + "trace_parent) select nextval('" + schema + ".outbox_event_seq'), event_id, topic, record_key, "
                + "event_type, payload, cast(?6 as text) from (select * from given order by ord) as ordered, locked "
                + "where locked.keys >= 0";
    }

    /**
     * Appends one event. Must run inside {@code Panache.withTransaction}: outside a transaction
     * it fails rather than publish an event for a change that might not commit.
     *
     * @param context who made the change and the command that caused it, if one did
     * @return the event as it will be published
     */
    public <T extends EventPayload> Uni<EventEnvelope<T>> append(T payload, CallContext context) {
        return append(insert, payload, context.actor(), context.causationId().orElse(null));
    }

    /**
     * {@link #append} for an event that carries a secret its receiver asked for: the relay
     * empties the row's payload as soon as the broker has acknowledged it.
     */
    public <T extends EventPayload> Uni<EventEnvelope<T>> appendSensitive(T payload, CallContext context) {
        return append(insertSensitive, payload, context.actor(), context.causationId().orElse(null));
    }

    private <T extends EventPayload> Uni<EventEnvelope<T>> append(String statement, T payload, Actor actor,
                                                                 String causationId) {
        EventEnvelope<T> event = envelope(payload, actor, causationId);
        EventType type = EventType.of(payload);
        Span span = traces.outboxAppend(type.type())
                .setAttribute(Traces.EVENT_ID, event.id())
                .setAttribute(Traces.EVENT_TYPE, type.type())
                .setAttribute(Traces.KEY, payload.partitionKey());
        Traces.serverOf(payload).ifPresent(server -> span.setAttribute(Traces.SERVER_ID, server));
        return transactionSession(type.type())
                .chain(session -> session.createNativeQuery(statement)
                        .setParameter(1, event.id())
                        .setParameter(2, type.topic())
                        .setParameter(3, payload.partitionKey())
                        .setParameter(4, type.type())
                        .setParameter(5, EventCodec.encode(event))
                        .setParameter(6, Traces.traceParent(span).orElse(null))
                        .executeUpdate())
                .onTermination().invoke((rows, failure, cancelled) -> Traces.ended(span, failure))
                .replaceWith(event);
    }

    /**
     * Appends many events, in list order, with one insert per {@value #ROWS_PER_INSERT} rows (the
     * columns passed as arrays and unnested), inside the caller's transaction like
     * {@link #append}. For cascades that fan out to one event per row, where one insert per event
     * would dominate the transaction.
     */
    public Uni<Void> appendAll(List<? extends EventPayload> payloads, CallContext context) {
        Actor actor = context.actor();
        String causationId = context.causationId().orElse(null);
        if (payloads.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Span span = traces.outboxAppend(payloads.size() + " events")
                .setAttribute(Traces.EVENT_COUNT, (long) payloads.size());
        String traceParent = Traces.traceParent(span).orElse(null);
        return transactionSession(payloads.size() + " events")
                .chain(session -> Multi.createFrom().iterable(chunks(payloads))
                        .onItem().transformToUniAndConcatenate(chunk -> insertChunk(session, chunk, actor, causationId,
                                traceParent))
                        .collect().last())
                .onTermination().invoke((rows, failure, cancelled) -> Traces.ended(span, failure))
                .replaceWithVoid();
    }

    /** The caller's session, or a failure when there is no transaction to write the outbox in. */
    private static Uni<Mutiny.Session> transactionSession(String what) {
        return Panache.currentTransaction().chain(transaction -> transaction == null
                ? Uni.createFrom().failure(new IllegalStateException("the outbox is written only inside a transaction ("
                        + what + ")"))
                : Panache.getSession());
    }

    /** The event as this service publishes it: a new ID, this service as its source, now. */
    <T extends EventPayload> EventEnvelope<T> envelope(T payload, Actor actor, String causationId) {
        return EventEnvelope.of(EventIds.next(), source, now(), actor, causationId, payload);
    }

    private Uni<Integer> insertChunk(Mutiny.Session session, List<? extends EventPayload> chunk, Actor actor,
                                     String causationId, String traceParent) {
        long started = System.nanoTime();
        String[] ids = new String[chunk.size()];
        String[] topics = new String[chunk.size()];
        String[] keys = new String[chunk.size()];
        String[] types = new String[chunk.size()];
        String[] payloads = new String[chunk.size()];
        for (int row = 0; row < chunk.size(); row++) {
            EventPayload payload = chunk.get(row);
            EventEnvelope<EventPayload> event = envelope(payload, actor, causationId);
            EventType type = EventType.of(payload);
            ids[row] = event.id();
            topics[row] = type.topic();
            keys[row] = payload.partitionKey();
            types[row] = type.type();
            payloads[row] = EventCodec.encode(event);
        }
        long encoded = System.nanoTime();
        return session.createNativeQuery(insertArrays)
                .setParameter(1, ids).setParameter(2, topics).setParameter(3, keys).setParameter(4, types)
                .setParameter(5, payloads)
                .setParameter(6, traceParent)
                .executeUpdate()
                .invoke(() -> LOG.debugf("appended %d events: encoded in %d ms, inserted in %d ms", chunk.size(),
                        (encoded - started) / 1_000_000, (System.nanoTime() - encoded) / 1_000_000));
    }

    private static <T> List<List<T>> chunks(List<T> all) {
        List<List<T>> chunks = new ArrayList<>();
        for (int from = 0; from < all.size(); from += ROWS_PER_INSERT) {
            chunks.add(all.subList(from, Math.min(all.size(), from + ROWS_PER_INSERT)));
        }
        return chunks;
    }

    /** Event times are UTC with millisecond precision, the canonical form of the contracts. */
    public static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
    }
}

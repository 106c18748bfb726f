package dev.connectplane.foundation.tracing;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.jboss.logging.MDC;

/**
 * The spans one change leaves on its way through the services, with the W3C trace context
 * carried in the outbox row ({@code trace_parent}) and in the records' {@code traceparent}
 * header: the outbox rows a transaction writes ({@link #outboxAppend}), the relay's send of each
 * ({@link #publishing}), and each consumer's handling of it ({@link #receiving}), under which that
 * consumer's own rows are written. With tracing off (no OTLP endpoint) the tracer is a no-op: no
 * span is valid, no context is stored or sent.
 */
@ApplicationScoped
public class Traces {

    public static final String TRACEPARENT = "traceparent";
    /** The event's ID, on the spans of its outbox row, its send and its handling. */
    public static final AttributeKey<String> EVENT_ID = AttributeKey.stringKey("messaging.message.id");
    public static final AttributeKey<String> EVENT_TYPE = AttributeKey.stringKey("connect.event.type");
    /** The server the event is about, where it is about one. */
    public static final AttributeKey<String> SERVER_ID = AttributeKey.stringKey("connect.server.id");
    public static final AttributeKey<String> KEY = AttributeKey.stringKey("messaging.kafka.message.key");
    public static final AttributeKey<Long> EVENT_COUNT = AttributeKey.longKey("connect.outbox.events");
    static final AttributeKey<String> SYSTEM = AttributeKey.stringKey("messaging.system");
    static final AttributeKey<String> DESTINATION = AttributeKey.stringKey("messaging.destination.name");
    static final AttributeKey<String> PARTITION = AttributeKey.stringKey("messaging.destination.partition.id");
    static final AttributeKey<Long> OFFSET = AttributeKey.longKey("messaging.kafka.offset");
    static final AttributeKey<String> OPERATION = AttributeKey.stringKey("messaging.operation.type");
    /** The MDC keys of a consumer's or the relay's log lines (JSON logs show them). */
    public static final String MDC_EVENT_ID = "eventId";
    public static final String MDC_SERVER_ID = "serverId";

    private static final TextMapGetter<Map<String, String>> MAP_GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    /** Each record class's {@code serverId} component, or null when it has none. */
    private static final ClassValue<RecordComponent> SERVER_ID_COMPONENTS = new ClassValue<>() {
        @Override
        protected RecordComponent computeValue(Class<?> type) {
            return Arrays.stream(type.getRecordComponents())
                    .filter(component -> component.getName().equals("serverId") && component.getType() == String.class)
                    .findFirst().orElse(null);
        }
    };

    private final Tracer tracer;

    public Traces(Tracer tracer) {
        this.tracer = tracer;
    }

    /** A started span for the outbox rows of {@code what} written now, a child of the current span. */
    public Span outboxAppend(String what) {
        return tracer.spanBuilder("outbox append " + what)
                .setSpanKind(SpanKind.INTERNAL)
                .startSpan();
    }

    /** A started span for the relay's send of one row, a child of the span that wrote it. */
    public Span publishing(String topic, String eventId, String eventType, String key, String traceParent) {
        return tracer.spanBuilder("publish " + topic)
                .setParent(parentOf(traceParent))
                .setSpanKind(SpanKind.PRODUCER)
                .setAttribute(SYSTEM, "kafka")
                .setAttribute(OPERATION, "send")
                .setAttribute(DESTINATION, topic)
                .setAttribute(EVENT_ID, eventId)
                .setAttribute(EVENT_TYPE, eventType)
                .setAttribute(KEY, key)
                .startSpan();
    }

    /**
     * A started span for a consumer's handling of {@code record} ({@code operation}: process,
     * record, …), a child of the send its {@code traceparent} header names.
     */
    public Span receiving(String operation, ConsumerRecord<String, String> record) {
        return tracer.spanBuilder(operation + " " + record.topic())
                .setParent(parentOf(record.headers()))
                .setSpanKind(SpanKind.CONSUMER)
                .setAttribute(SYSTEM, "kafka")
                .setAttribute(OPERATION, "process")
                .setAttribute(DESTINATION, record.topic())
                .setAttribute(PARTITION, Integer.toString(record.partition()))
                .setAttribute(OFFSET, record.offset())
                .setAttribute(KEY, record.key())
                .startSpan();
    }

    /**
     * Runs {@code work} with {@code span} current (the outbox rows it writes are its children),
     * and ends the span when the work ends, failed or not; what {@link #handling} put in the log
     * context is taken out then.
     */
    public static <T> Uni<T> within(Span span, Supplier<Uni<T>> work) {
        return Uni.createFrom().deferred(() -> {
            Scope scope = span.makeCurrent();
            return work.get()
                    .onTermination().invoke((item, failure, cancelled) -> {
                        ended(span, failure);
                        MDC.remove(MDC_EVENT_ID);
                        MDC.remove(MDC_SERVER_ID);
                        scope.close();
                    });
        });
    }

    /**
     * Names the event (or command) a span handles, and the server it is about where it is about
     * one, in the span's attributes and in the log context (inside {@link #within}).
     */
    public static void handling(Span span, String eventId, String eventType, Optional<String> serverId) {
        span.setAttribute(EVENT_ID, eventId);
        span.setAttribute(EVENT_TYPE, eventType);
        MDC.put(MDC_EVENT_ID, eventId);
        serverId.ifPresent(server -> {
            span.setAttribute(SERVER_ID, server);
            MDC.put(MDC_SERVER_ID, server);
        });
    }

    /**
     * The server an event's data is about: its {@code serverId} component, for the records that
     * have one (a group grant to a group, a signing key, a command reply have none).
     */
    public static Optional<String> serverOf(Object data) {
        if (data == null || !data.getClass().isRecord()) {
            return Optional.empty();
        }
        return Optional.ofNullable(SERVER_ID_COMPONENTS.get(data.getClass()))
                .map(component -> {
                    try {
                        return (String) component.getAccessor().invoke(data);
                    } catch (ReflectiveOperationException e) {
                        return null;
                    }
                });
    }

    /**
     * Ends the span, marked failed with the class of {@code failure} when there is one: not its
     * message or stack, which may quote what a caller sent (a span leaves the service like a log).
     */
    public static void ended(Span span, Throwable failure) {
        if (failure != null) {
            span.setStatus(StatusCode.ERROR, failure.getClass().getName());
        }
        span.end();
    }

    /** The span's W3C {@code traceparent}, or empty when it is not a real span (tracing off). */
    public static Optional<String> traceParent(Span span) {
        if (!span.getSpanContext().isValid()) {
            return Optional.empty();
        }
        Map<String, String> carrier = new HashMap<>();
        W3CTraceContextPropagator.getInstance().inject(Context.root().with(span), carrier, Map::put);
        return Optional.ofNullable(carrier.get(TRACEPARENT));
    }

    /** Adds the span's {@code traceparent} to the headers, when it is a real span. */
    public static void inject(Span span, Headers headers) {
        traceParent(span).ifPresent(parent -> headers.add(TRACEPARENT, parent.getBytes(StandardCharsets.UTF_8)));
    }

    /** The context a {@code traceparent} names, or the root context when there is none or it is malformed. */
    static Context parentOf(String traceParent) {
        if (traceParent == null || traceParent.isBlank()) {
            return Context.root();
        }
        return W3CTraceContextPropagator.getInstance().extract(Context.root(), Map.of(TRACEPARENT, traceParent),
                MAP_GETTER);
    }

    static Context parentOf(Headers headers) {
        Header header = headers.lastHeader(TRACEPARENT);
        return header == null || header.value() == null ? Context.root()
                : parentOf(new String(header.value(), StandardCharsets.UTF_8));
    }
}

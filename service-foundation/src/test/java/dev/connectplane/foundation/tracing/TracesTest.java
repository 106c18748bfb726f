package dev.connectplane.foundation.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connectplane.contracts.access.GroupRegistered;
import dev.connectplane.contracts.server.ServerDeleted;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TracerProvider;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class TracesTest {

    private final SdkTracerProvider provider = SdkTracerProvider.builder().build();
    private final Traces traces = new Traces(provider.get("test"));

    @Test
    void aRowWrittenInASpanCarriesItsContextToTheSendAndTheSendToTheConsumer() {
        Span append = traces.outboxAppend("connect.server.deleted.v1");
        String stored = Traces.traceParent(append).orElseThrow();
        assertThat(stored).matches("00-" + append.getSpanContext().getTraceId() + "-"
                + append.getSpanContext().getSpanId() + "-01");

        Span send = traces.publishing("connect.servers.events", "event-1", "connect.server.deleted.v1", "server-1", stored);
        RecordHeaders headers = new RecordHeaders();
        Traces.inject(send, headers);
        ConsumerRecord<String, String> record = new ConsumerRecord<>("connect.servers.events", 2, 17L, "server-1", "{}");
        record.headers().add(headers.lastHeader(Traces.TRACEPARENT));
        Span handling = traces.receiving("process", record);

        SpanContext sent = send.getSpanContext();
        assertThat(sent.getTraceId()).isEqualTo(append.getSpanContext().getTraceId());
        assertThat(handling.getSpanContext().getTraceId()).isEqualTo(sent.getTraceId());
        assertThat(new String(headers.lastHeader(Traces.TRACEPARENT).value(), StandardCharsets.UTF_8))
                .contains(sent.getSpanId());
    }

    @Test
    void aMissingOrMalformedTraceparentStartsATraceOfItsOwn() {
        Span fromNothing = traces.publishing("t", "e", "type", "k", null);
        Span fromGarbage = traces.publishing("t", "e", "type", "k", "not-a-traceparent");
        assertThat(fromNothing.getSpanContext().isValid()).isTrue();
        assertThat(fromGarbage.getSpanContext().isValid()).isTrue();
        assertThat(fromGarbage.getSpanContext().getTraceId()).isNotEqualTo(fromNothing.getSpanContext().getTraceId());
    }

    @Test
    void theServerOfAnEventIsItsServerIdWhereItHasOne() {
        assertThat(Traces.serverOf(new ServerDeleted("server-1", "web", OffsetDateTime.now()))).contains("server-1");
        assertThat(Traces.serverOf(new GroupRegistered("group-1", "DevOps"))).isEmpty();
        assertThat(Traces.serverOf("not a record")).isEmpty();
        assertThat(Traces.serverOf(null)).isEmpty();
    }

    @Test
    void withTracingOffNoContextIsStoredOrSent() {
        Traces off = new Traces(TracerProvider.noop().get("off"));
        Span append = off.outboxAppend("x");
        assertThat(Traces.traceParent(append)).isEmpty();
        RecordHeaders headers = new RecordHeaders();
        Traces.inject(off.publishing("t", "e", "type", "k", null), headers);
        assertThat(headers.lastHeader(Traces.TRACEPARENT)).isNull();
    }
}

package dev.connectplane.system;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;

/**
 * An OpenTelemetry collector as small as the system tests need: it takes OTLP/HTTP trace
 * exports ({@code POST /v1/traces}, protobuf, gzip or not) from every service of the stack and
 * keeps the spans in memory, read with the protocol's own generated classes.
 */
final class OtlpReceiver implements AutoCloseable {

    /** One span as a service exported it; the IDs in lower-case hex, the parent empty for a root. */
    record ReceivedSpan(String service, String name, String kind, String traceId, String spanId, String parentSpanId,
                        long startNanos, long endNanos, Map<String, String> attributes) {

        Duration duration() {
            return Duration.ofNanos(endNanos - startNanos);
        }

        Optional<String> attribute(String key) {
            return Optional.ofNullable(attributes.get(key));
        }
    }

    private final HttpServer server;
    private final List<ReceivedSpan> spans = new CopyOnWriteArrayList<>();

    private OtlpReceiver(HttpServer server) {
        this.server = server;
    }

    static OtlpReceiver start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        OtlpReceiver receiver = new OtlpReceiver(server);
        server.createContext("/", receiver::receive);
        server.start();
        return receiver;
    }

    /** What a service's {@code OTEL_EXPORTER_OTLP_ENDPOINT} names (with {@code http/protobuf}). */
    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Every span of the trace received so far, in start order. */
    List<ReceivedSpan> trace(String traceId) {
        return spans.stream()
                .filter(span -> span.traceId().equals(traceId))
                .sorted(Comparator.comparingLong(ReceivedSpan::startNanos))
                .toList();
    }

    /** Every span received so far. */
    List<ReceivedSpan> spans() {
        return List.copyOf(spans);
    }

    /** The trace as an indented tree: service, span name and duration, a line a span, children under their parent. */
    static String tree(List<ReceivedSpan> trace) {
        Map<String, List<ReceivedSpan>> children = trace.stream()
                .collect(Collectors.groupingBy(ReceivedSpan::parentSpanId, LinkedHashMap::new, Collectors.toList()));
        List<String> ids = trace.stream().map(ReceivedSpan::spanId).toList();
        StringBuilder tree = new StringBuilder();
        trace.stream()
                .filter(span -> !ids.contains(span.parentSpanId()))
                .forEach(root -> render(root, children, 0, tree));
        return tree.toString();
    }

    private static void render(ReceivedSpan span, Map<String, List<ReceivedSpan>> children, int depth,
                               StringBuilder tree) {
        tree.append("  ".repeat(depth))
                .append(span.service()).append("  ").append(span.name())
                .append(span.attribute("connect.event.type").map(type -> " [" + type + "]").orElse(""))
                .append("  ").append(String.format("%.1f ms", span.duration().toNanos() / 1e6))
                .append('\n');
        children.getOrDefault(span.spanId(), List.of())
                .forEach(child -> render(child, children, depth + 1, tree));
    }

    private void receive(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = body(exchange);
            ExportTraceServiceRequest request = ExportTraceServiceRequest.parseFrom(body);
            for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
                String service = attributes(resourceSpans.getResource()).getOrDefault("service.name", "?");
                for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
                    scopeSpans.getSpansList().forEach(span -> spans.add(received(service, span)));
                }
            }
            byte[] answer = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
            exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, answer.length == 0 ? -1 : answer.length);
            if (answer.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer);
                }
            }
        }
    }

    private static byte[] body(HttpExchange exchange) throws IOException {
        String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
        try (InputStream raw = exchange.getRequestBody();
             InputStream in = "gzip".equalsIgnoreCase(encoding) ? new GZIPInputStream(raw) : raw) {
            return in.readAllBytes();
        }
    }

    private static ReceivedSpan received(String service, Span span) {
        Map<String, String> attributes = new LinkedHashMap<>();
        span.getAttributesList().forEach(attribute -> attributes.put(attribute.getKey(), text(attribute.getValue())));
        return new ReceivedSpan(service, span.getName(), span.getKind().name().replace("SPAN_KIND_", ""),
                hex(span.getTraceId().toByteArray()), hex(span.getSpanId().toByteArray()),
                hex(span.getParentSpanId().toByteArray()), span.getStartTimeUnixNano(), span.getEndTimeUnixNano(),
                attributes);
    }

    private static Map<String, String> attributes(Resource resource) {
        Map<String, String> attributes = new LinkedHashMap<>();
        for (KeyValue attribute : resource.getAttributesList()) {
            attributes.put(attribute.getKey(), text(attribute.getValue()));
        }
        return attributes;
    }

    private static String text(AnyValue value) {
        return switch (value.getValueCase()) {
            case STRING_VALUE -> value.getStringValue();
            case INT_VALUE -> Long.toString(value.getIntValue());
            case BOOL_VALUE -> Boolean.toString(value.getBoolValue());
            case DOUBLE_VALUE -> Double.toString(value.getDoubleValue());
            default -> value.toString();
        };
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

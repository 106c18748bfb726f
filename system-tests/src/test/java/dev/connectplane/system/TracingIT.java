package dev.connectplane.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.connectplane.contracts.Topics;
import dev.connectplane.contracts.envelope.EventCodec;
import dev.connectplane.system.OtlpReceiver.ReceivedSpan;
import dev.connectplane.testing.TestIdentities;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One trace follows a server delete from its REST request through every service: the stack
 * exports its spans over OTLP to {@link OtlpReceiver} (tracing switched on by
 * {@code OTEL_EXPORTER_OTLP_ENDPOINT}, as an operator would). The test deletes a server with
 * three tokens and checks the whole tree by its parent links: the request, the outbox row it
 * wrote, the relay's send, each consumer's handling (token-service, access-service,
 * audit-service), token-service's own outbox rows (the revocations and the access changes) and
 * their sends, down to the access changes each token-service instance applies to its cache and
 * the audit records. Every step names the event it carries by ID.
 */
class TracingIT {

    private static final String MANAGER = TestIdentities.bearer("trace-admin", TestIdentities.MANAGERS_GROUP);
    private static final int TOKENS = 3;

    private static SystemStack stack;
    private static OtlpReceiver receiver;

    @BeforeAll
    static void start() throws Exception {
        stack = SystemStack.shared();
        receiver = SystemStack.spans();
    }

    @Test
    void aServerDeleteIsOneTraceFromTheRequestToTheAuditRecord() throws Exception {
        StackHttp http = new StackHttp(MANAGER);
        String serverId = createServerWithTokens(http);

        StackHttp.Answer deleted = http.delete(stack.url("server-service") + "/v1/servers/" + serverId);
        assertThat(deleted.status()).as(deleted.body()).isEqualTo(204);

        ReceivedSpan request = await().atMost(Duration.ofSeconds(30))
                .until(() -> find(receiver.spans(), span -> span.service().equals("server-service")
                        && span.kind().equals("SERVER") && span.attribute("http.request.method").equals(Optional.of("DELETE"))
                        && span.attribute("url.path").orElse("").endsWith(serverId)), Optional::isPresent)
                .orElseThrow();
        // the last spans: every revocation's access change applied to the cache, every audit record
        List<ReceivedSpan> trace = await().atMost(Duration.ofSeconds(30))
                .until(() -> receiver.trace(request.traceId()), TracingIT::complete);
        System.out.println("trace of the server delete " + serverId + ":\n" + OtlpReceiver.tree(trace));

        ReceivedSpan append = onlyChild(trace, request, "server-service", "outbox append connect.server.deleted.v1");
        String serverDeleted = append.attribute("messaging.message.id").orElseThrow();
        assertThat(append.attribute("connect.server.id")).contains(serverId);
        assertThat(append.attribute("messaging.kafka.message.key")).contains(serverId);
        ReceivedSpan publish = onlyChild(trace, append, "server-service", "publish " + Topics.SERVER_EVENTS);
        assertThat(publish.kind()).isEqualTo("PRODUCER");
        assertThat(publish.attribute("messaging.message.id")).contains(serverDeleted);

        List<ReceivedSpan> handlers = children(trace, publish);
        assertThat(handlers).extracting(ReceivedSpan::service)
                .containsExactlyInAnyOrder("token-service", "access-service", "audit-service");
        assertThat(handlers).allSatisfy(handler -> {
            assertThat(handler.kind()).isEqualTo("CONSUMER");
            assertThat(handler.attribute("messaging.message.id")).contains(serverDeleted);
            assertThat(handler.attribute("messaging.kafka.message.key")).contains(serverId);
        });
        assertThat(List.of(only(handlers, "token-service"), only(handlers, "access-service")))
                .allSatisfy(process -> assertThat(process.attribute("connect.server.id")).contains(serverId));
        assertThat(only(handlers, "audit-service").name()).isEqualTo("record " + Topics.SERVER_EVENTS);

        ReceivedSpan grantsRevoked = onlyChild(trace, only(handlers, "access-service"), "access-service",
                "outbox append connect.vault.revoked.v1");
        ReceivedSpan grantSend = onlyChild(trace, grantsRevoked, "access-service", "publish " + Topics.ACCESS_EVENTS);
        assertThat(children(trace, grantSend)).extracting(ReceivedSpan::service)
                .contains("token-service", "server-service", "audit-service");
        assertThat(children(trace, grantSend)).allSatisfy(handler -> assertThat(handler.attribute("messaging.message.id"))
                .isEqualTo(grantSend.attribute("messaging.message.id")));

        ReceivedSpan cascade = onlyChild(trace, only(handlers, "token-service"), "token-service",
                "outbox append " + (1 + 2 * TOKENS) + " events");
        List<ReceivedSpan> sends = children(trace, cascade);
        assertThat(sends).hasSize(1 + 2 * TOKENS).allSatisfy(send -> {
            assertThat(send.service()).isEqualTo("token-service");
            assertThat(send.kind()).isEqualTo("PRODUCER");
            assertThat(send.attribute("messaging.kafka.message.key")).contains(serverId);
        });
        List<ReceivedSpan> changes = named(sends, "publish " + Topics.ACCESS_CHANGES);
        List<ReceivedSpan> revocations = named(sends, "publish " + Topics.TOKEN_EVENTS);
        assertThat(changes).hasSize(1 + TOKENS);
        assertThat(revocations).hasSize(TOKENS)
                .allSatisfy(send -> assertThat(send.attribute("connect.event.type")).contains("connect.token.revoked.v1"));
        for (ReceivedSpan change : changes) {
            assertThat(children(trace, change)).as("the cache invalidations of %s", change)
                    .isNotEmpty()
                    .allSatisfy(applied -> {
                        assertThat(applied.service()).isEqualTo("token-service");
                        assertThat(applied.name()).isEqualTo("invalidate " + Topics.ACCESS_CHANGES);
                        assertThat(applied.attribute("messaging.message.id")).isEqualTo(change.attribute("messaging.message.id"));
                    });
        }
        for (ReceivedSpan revocation : revocations) {
            assertThat(children(trace, revocation)).as("the handlings of %s", revocation)
                    .extracting(ReceivedSpan::service).contains("audit-service");
            assertThat(only(children(trace, revocation), "audit-service").attribute("messaging.message.id"))
                    .isEqualTo(revocation.attribute("messaging.message.id"));
        }
        assertThat(trace).extracting(ReceivedSpan::traceId).containsOnly(request.traceId());
    }

    /**
     * Whether the trace has come in to its last spans: every span's parent is there (a span is
     * exported when it ends, a parent after its children), and so are the ends of every branch,
     * the cache invalidations and the audit records.
     */
    private static boolean complete(List<ReceivedSpan> trace) {
        List<String> ids = trace.stream().map(ReceivedSpan::spanId).toList();
        long dangling = trace.stream().filter(span -> !span.parentSpanId().isEmpty())
                .filter(span -> !ids.contains(span.parentSpanId())).count();
        long invalidations = named(trace, "invalidate " + Topics.ACCESS_CHANGES).size();
        long audited = trace.stream().filter(span -> span.service().equals("audit-service")).count();
        Set<String> grantHandlers = trace.stream().filter(span -> span.kind().equals("CONSUMER"))
                .filter(span -> span.attribute("connect.event.type").equals(Optional.of("connect.vault.revoked.v1")))
                .map(ReceivedSpan::service)
                .collect(Collectors.toSet());
        return dangling == 0 && invalidations >= 1 + TOKENS && audited >= 2 + TOKENS
                && grantHandlers.containsAll(List.of("token-service", "server-service", "audit-service"));
    }

    private String createServerWithTokens(StackHttp http) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        StackHttp.Answer server = http.post(stack.url("server-service") + "/v1/servers",
                "{\"name\":\"traced-" + run + "\",\"vaults\":[\"Kubernetes\"]}");
        assertThat(server.status()).as(server.body()).isEqualTo(201);
        JsonNode created = EventCodec.readTree(server.body());
        String serverId = created.at("/server/id").asText();
        for (int token = 0; token < TOKENS; token++) {
            String body = "{\"name\":\"traced " + token + "\",\"server\":\"" + serverId + "\",\"vaults\":[\"Kubernetes,r\"]}";
            StackHttp.Answer answer = await().atMost(Duration.ofSeconds(30))
                    .until(() -> http.post(stack.url("token-service") + "/v1/tokens", body), made -> made.status() == 201);
            assertThat(answer.body()).contains("\"token\"");
        }
        return serverId;
    }

    private static ReceivedSpan onlyChild(List<ReceivedSpan> trace, ReceivedSpan parent, String service, String name) {
        List<ReceivedSpan> matching = named(children(trace, parent), name);
        assertThat(matching).as("%s's children of %s named %s", service, parent, name).hasSize(1);
        assertThat(matching.get(0).service()).isEqualTo(service);
        return matching.get(0);
    }

    private static List<ReceivedSpan> children(List<ReceivedSpan> trace, ReceivedSpan parent) {
        return trace.stream().filter(span -> span.parentSpanId().equals(parent.spanId())).toList();
    }

    private static List<ReceivedSpan> named(List<ReceivedSpan> spans, String name) {
        return spans.stream().filter(span -> span.name().equals(name)).toList();
    }

    private static ReceivedSpan only(List<ReceivedSpan> spans, String service) {
        List<ReceivedSpan> of = spans.stream().filter(span -> span.service().equals(service)).toList();
        assertThat(of).as("spans of %s among %s", service, spans).hasSize(1);
        return of.get(0);
    }

    private static Optional<ReceivedSpan> find(List<ReceivedSpan> spans, Predicate<ReceivedSpan> wanted) {
        return spans.stream().filter(wanted).findFirst();
    }
}

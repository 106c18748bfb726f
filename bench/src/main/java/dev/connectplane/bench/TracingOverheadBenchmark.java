package dev.connectplane.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What tracing costs where users feel it: introspection (a REST span per request) and server
 * create (a REST span, the outbox row's span and the relay's send span), with tracing off and on
 * in the same run, on the same database and broker, alternating {@code rounds} times (off, on,
 * off, on, …: token-service and server-service are restarted with and without
 * {@code OTEL_EXPORTER_OTLP_ENDPOINT} between phases), each phase beside the machine's ceiling
 * measured in it (token-service's {@code GET /q/health/live} under the same load, which Quarkus
 * does not trace, so the ceiling is the same work both ways). Every phase starts the two
 * services afresh and warms them up the same way. The spans go over OTLP/HTTP to a sink in this JVM that counts the exports and drops
 * them, with Quarkus's default batching (every 5 s), as a collector would take them.
 *
 * <p>Usage: {@code bench/tracing-overhead.sh [connections] [seconds] [rounds] [tokens]}.
 */
public final class TracingOverheadBenchmark {

    private static final List<String> TRACED = List.of("server-service", "token-service");

    private TracingOverheadBenchmark() {
    }

    /** One phase's figures: requests per second (2xx) and wrk's latency line. */
    private record Phase(String tracing, WrkLoad.Result ceiling, WrkLoad.Result introspection, WrkLoad.Result creates) {
    }

    public static void main(String[] args) throws Exception {
        int connections = args.length > 0 ? Integer.parseInt(args[0]) : 32;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        int tokenCount = args.length > 3 ? Integer.parseInt(args[3]) : 500;
        Path root = Path.of(System.getProperty("connect.root", ".")).toAbsolutePath().normalize();
        Optional<Path> wrk = WrkLoad.find();
        if (wrk.isEmpty()) {
            System.out.println("tracing overhead benchmark needs wrk (apt-get install wrk)");
            return;
        }
        System.out.printf("tracing overhead: wrk 1 thread %d connections, %d s per figure, %d rounds of off/on, %d tokens,"
                + " %d cores%n", connections, seconds, rounds, tokenCount, Runtime.getRuntime().availableProcessors());
        try (SpanSink sink = SpanSink.start();
             BenchStack stack = BenchStack.start(root, "tracing-overhead-run", TokenFixture.TOPICS)) {
            HttpLoad load = new HttpLoad();
            TokenFixture fixture = TokenFixture.start(stack, root, load);
            TokenFixture.Server server = fixture.server("traced-" + UUID.randomUUID().toString().substring(0, 8));
            String introspection = IntrospectionBenchmark.introspectionScript(server, fixture.tokens(server, tokenCount, 16));
            // not traced in either phase (Quarkus leaves its /q endpoints out of tracing): the same ceiling both ways
            String ceiling = "request = function()\n  return wrk.format('GET', '/q/health/live')\nend\n";
            Map<String, String> on = Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", sink.endpoint(),
                    "OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf");
            List<Phase> phases = new ArrayList<>();
            for (int phase = 0; phase < 2 * rounds; phase++) {
                boolean tracing = phase % 2 == 1;
                // every phase on freshly started services, so that each has the same warm-up behind it
                for (String service : TRACED) {
                    stack.restartWith(service, tracing ? on : Map.of());
                }
                String tokens = stack.url("token-service");
                String servers = stack.url("server-service") + "/v1/servers";
                WrkLoad.run(wrk.get(), tokens, introspection, connections, 10, stack.dir());
                WrkLoad.postUniqueNames(wrk.get(), servers, "warm-" + phase, connections, 5, stack.dir());
                WrkLoad.run(wrk.get(), tokens, ceiling, connections, 3, stack.dir());
                long exportsBefore = sink.exports();
                Phase measured = new Phase(tracing ? "on" : "off",
                        WrkLoad.run(wrk.get(), tokens, ceiling, connections, seconds, stack.dir()),
                        WrkLoad.run(wrk.get(), tokens, introspection, connections, seconds, stack.dir()),
                        WrkLoad.postUniqueNames(wrk.get(), servers, "run-" + phase, connections, seconds, stack.dir()));
                phases.add(measured);
                System.out.printf("-- phase %d, tracing %s (span exports received meanwhile: %d) --%n", phase + 1,
                        measured.tracing(), sink.exports() - exportsBefore);
                print("ceiling (GET /q/health/live)", measured.ceiling());
                print("introspection (POST, Basic auth)", measured.introspection());
                print("server create (POST /v1/servers)", measured.creates());
            }
            summary(phases);
            System.out.printf("span exports received: %d (%d bytes)%n", sink.exports(), sink.bytes());
            System.out.printf("memory after the run: %s%n", stack.memory());
        }
    }

    private static void print(String what, WrkLoad.Result result) {
        System.out.printf("%-38s %7.0f req/s (%d not 2xx); latency %s%n", what + ":", result.successesPerSecond(),
                result.non2xx(), result.latency());
    }

    /** Each figure's mean over the phases with tracing on, against off, and each against its phase's ceiling. */
    private static void summary(List<Phase> phases) {
        System.out.println("-- summary (mean of the phases; ratio on/off; share of the phase's ceiling) --");
        for (String figure : List.of("introspection", "server create")) {
            double off = mean(phases, "off", figure);
            double on = mean(phases, "on", figure);
            double ceilingOff = mean(phases, "off", "ceiling");
            double ceilingOn = mean(phases, "on", "ceiling");
            System.out.printf("%-14s off %7.0f req/s (%.0f%% of ceiling)  on %7.0f req/s (%.0f%% of ceiling)  "
                    + "on/off %.2f%n", figure, off, 100 * off / ceilingOff, on, 100 * on / ceilingOn, on / off);
        }
    }

    private static double mean(List<Phase> phases, String tracing, String figure) {
        return phases.stream().filter(phase -> phase.tracing().equals(tracing))
                .mapToDouble(phase -> switch (figure) {
                    case "introspection" -> phase.introspection().successesPerSecond();
                    case "server create" -> phase.creates().successesPerSecond();
                    default -> phase.ceiling().successesPerSecond();
                })
                .average().orElse(Double.NaN);
    }

    /** An OTLP/HTTP endpoint that takes every export, counts it and drops it. */
    private static final class SpanSink implements AutoCloseable {

        private final HttpServer server;
        private final AtomicLong exports = new AtomicLong();
        private final AtomicLong bytes = new AtomicLong();

        private SpanSink(HttpServer server) {
            this.server = server;
        }

        static SpanSink start() throws IOException {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            SpanSink sink = new SpanSink(server);
            server.createContext("/", exchange -> {
                try (exchange; InputStream body = exchange.getRequestBody()) {
                    sink.bytes.addAndGet(body.readAllBytes().length);
                    sink.exports.incrementAndGet();
                    exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
                    exchange.sendResponseHeaders(200, -1);
                }
            });
            server.start();
            return sink;
        }

        String endpoint() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        long exports() {
            return exports.get();
        }

        long bytes() {
            return bytes.get();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}

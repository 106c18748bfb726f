package dev.connectplane.bench;

import dev.connectplane.infra.ServiceProcess;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Introspection throughput and latency over HTTP, driven by wrk (a separate process), beside
 * the same machine's ceiling: the same service's trivial in-memory endpoint
 * ({@code GET /.well-known/jwks.json}) under the same load, measured in the same run. Each
 * round runs the ceiling and then introspection; the tokens are cycled so every request
 * introspects one of {@code tokens} distinct tokens, as their server (HTTP Basic credentials).
 *
 * <p>Usage: {@code bench/introspection.sh [tokens] [connections] [seconds] [rounds]}.
 */
public final class IntrospectionBenchmark {

    private IntrospectionBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int tokenCount = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int connections = args.length > 1 ? Integer.parseInt(args[1]) : 32;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        Path root = Path.of(System.getProperty("connect.root", ".")).toAbsolutePath().normalize();
        Optional<Path> wrk = WrkLoad.find();
        if (wrk.isEmpty()) {
            System.out.println("introspection benchmark needs wrk (apt-get install wrk)");
            return;
        }
        System.out.printf("introspection benchmark: %d tokens, wrk 1 thread %d connections, %d s per phase, %d rounds, "
                + "%d cores%n", tokenCount, connections, seconds, rounds, Runtime.getRuntime().availableProcessors());

        try (BenchStack stack = BenchStack.start(root, "introspection-run", TokenFixture.TOPICS)) {
            HttpLoad load = new HttpLoad();
            TokenFixture fixture = TokenFixture.start(stack, root, load);
            ServiceProcess servers = fixture.servers();
            ServiceProcess tokens = fixture.tokens();
            TokenFixture.Server server = fixture.server("introspection-" + UUID.randomUUID().toString().substring(0, 8));
            List<TokenFixture.Token> issued = fixture.tokens(server, tokenCount, 16);
            String active = load.client().send(TokenFixture.introspect(tokens, server, issued.get(0).jwt()),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).body();
            System.out.printf("sample answer: %s%n", active);

            String script = introspectionScript(server, issued);
            String ceilingScript = "request = function()\n  return wrk.format('GET', '/.well-known/jwks.json')\nend\n";
            WrkLoad.run(wrk.get(), tokens.baseUrl(), script, connections, 5, stack.dir());
            WrkLoad.run(wrk.get(), tokens.baseUrl(), ceilingScript, connections, 3, stack.dir());
            for (int round = 1; round <= rounds; round++) {
                WrkLoad.Result ceiling = WrkLoad.run(wrk.get(), tokens.baseUrl(), ceilingScript, connections, seconds, stack.dir());
                WrkLoad.Result introspection = WrkLoad.run(wrk.get(), tokens.baseUrl(), script, connections, seconds, stack.dir());
                System.out.printf("-- round %d --%n", round);
                System.out.printf("ceiling (GET /.well-known/jwks.json): %.0f req/s (%d not 2xx); latency %s%n",
                        ceiling.successesPerSecond(), ceiling.non2xx(), ceiling.latency());
                System.out.printf("introspection (POST, Basic auth):     %.0f req/s (%d not 2xx); latency %s%n",
                        introspection.successesPerSecond(), introspection.non2xx(), introspection.latency());
            }
            System.out.printf("token-service's own count of answers: %s%n", answerCounts(load, tokens));
            System.out.printf("memory after the run: %s%n", stack.memory());
        }
    }

    /** The {@code connect.introspection} counters, so the report shows the answers were "active". */
    private static String answerCounts(HttpLoad load, ServiceProcess tokens) throws Exception {
        return load.get(tokens.baseUrl() + "/q/metrics").lines()
                .filter(line -> line.startsWith("connect_introspection_total"))
                .map(line -> line.replaceAll(".*result=\"([a-z]+)\".*} ([0-9.E]+)", "$1 $2"))
                .collect(Collectors.joining(", "));
    }

    static String introspectionScript(TokenFixture.Server server, List<TokenFixture.Token> issued) {
        return String.join("\n",
                "local tokens = {" + issued.stream().map(t -> "'" + t.jwt() + "'").collect(Collectors.joining(",")) + "}",
                "local i = 0",
                "local headers = {['Content-Type'] = 'application/x-www-form-urlencoded', ['Authorization'] = '"
                        + server.basicAuth() + "'}",
                "request = function()",
                "  i = i + 1",
                "  return wrk.format('POST', '/v1/tokens/introspect', headers, 'token=' .. tokens[(i % #tokens) + 1])",
                "end", "");
    }
}

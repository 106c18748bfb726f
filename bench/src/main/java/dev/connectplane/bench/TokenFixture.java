package dev.connectplane.bench;

import dev.connectplane.contracts.Topics;
import dev.connectplane.infra.ServiceProcess;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Servers and tokens for the token benchmarks, made through the services' APIs: a server with
 * the Kubernetes vault (server-service), and tokens for it (token-service).
 */
final class TokenFixture {

    private static final Pattern TOKEN = Pattern.compile("\"token\":\"([^\"]+)\"");
    private static final Pattern SECRET = Pattern.compile("\"secret\":\"([^\"]+)\"");

    /** A server and how it authenticates to introspection. */
    record Server(String id, String basicAuth) {
    }

    /** A token's ID and JWT. */
    record Token(String id, String jwt) {
    }

    /** The topics server-, access- and token-service use. */
    static final List<String> TOPICS = List.of(Topics.SERVER_EVENTS, Topics.ACCESS_EVENTS, Topics.TOKEN_EVENTS,
            Topics.ACCESS_CHANGES, Topics.deadLetter("server-service"), Topics.deadLetter("access-service"),
            Topics.deadLetter("token-service"));

    private final HttpLoad load;
    private final ServiceProcess servers;
    private final ServiceProcess tokens;

    private TokenFixture(HttpLoad load, ServiceProcess servers, ServiceProcess tokens) {
        this.load = load;
        this.servers = servers;
        this.tokens = tokens;
    }

    /** Starts server-, access- and token-service and waits until server-service knows the seeded directory. */
    static TokenFixture start(BenchStack stack, Path root, HttpLoad load) throws Exception {
        ServiceProcess servers = stack.startService(root, "server-service");
        stack.startService(root, "access-service");
        ServiceProcess tokens = stack.startService(root, "token-service");
        AccessBenchmark.awaitDirectory(load, servers);
        return new TokenFixture(load, servers, tokens);
    }

    ServiceProcess servers() {
        return servers;
    }

    ServiceProcess tokens() {
        return tokens;
    }

    Server server(String name) throws Exception {
        HttpLoad.Result created = load.run(1, 1, 0, i -> HttpLoad.postJson(servers.baseUrl() + "/v1/servers",
                "{\"name\":\"" + name + "\",\"vaults\":[\"Kubernetes\"]}"), List.of(201));
        if (created.ok() != 1) {
            throw new IllegalStateException("server create failed");
        }
        String body = created.okBodies.peek();
        String id = HttpLoad.firstId(body);
        Matcher secret = SECRET.matcher(body);
        if (!secret.find()) {
            throw new IllegalStateException("no credentials in the server create answer");
        }
        String basic = "Basic " + Base64.getEncoder().encodeToString((id + ":" + secret.group(1)).getBytes(StandardCharsets.UTF_8));
        return new Server(id, basic);
    }

    /** Creates {@code count} tokens for the server's Kubernetes vault, with {@code concurrency} requests in flight. */
    List<Token> tokens(Server server, int count, int concurrency) throws Exception {
        HttpLoad.Result created = load.run(count, concurrency, 0, i -> HttpLoad.postJson(tokens.baseUrl() + "/v1/tokens",
                "{\"name\":\"bench-" + i + "\",\"server\":\"" + server.id() + "\",\"vaults\":[\"Kubernetes,r\"]}"),
                List.of(201));
        if (created.ok() != count) {
            throw new IllegalStateException(created.summary("token creates"));
        }
        List<Token> all = new ArrayList<>(count);
        for (String body : created.okBodies) {
            Matcher token = TOKEN.matcher(body);
            if (!token.find()) {
                throw new IllegalStateException("no token in a create answer");
            }
            all.add(new Token(HttpLoad.firstId(body), token.group(1)));
        }
        return all;
    }

    /** An introspection request, as the server itself when {@code server} is given, else as a manager. */
    static HttpRequest introspect(ServiceProcess tokens, Server server, String jwt) {
        HttpRequest.Builder request = HttpLoad.request(tokens.baseUrl() + "/v1/tokens/introspect")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString("token=" + jwt));
        if (server != null) {
            request.header("Authorization", server.basicAuth());
        }
        return request.build();
    }
}

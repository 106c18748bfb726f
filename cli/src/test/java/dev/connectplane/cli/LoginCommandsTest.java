package dev.connectplane.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code connectctl login} and {@code logout} against a fake OpenID provider (the JDK's HTTP
 * server): the device authorization grant with its pending, slow-down, refused and expired
 * answers; client credentials; the session file (mode 600, no client secret in it); renewal
 * before expiry; and which token a command sends. The real Keycloak is exercised by the system test.
 */
class LoginCommandsTest {

    @TempDir
    Path dir;

    private HttpServer provider;
    private HttpServer api;
    private final Deque<String> deviceAnswers = new ConcurrentLinkedDeque<>();
    private final List<Map<String, String>> tokenRequests = new CopyOnWriteArrayList<>();
    private final List<Duration> pauses = new CopyOnWriteArrayList<>();
    private final List<String> apiAuthorizations = new CopyOnWriteArrayList<>();
    private final List<String> revoked = new CopyOnWriteArrayList<>();
    private final Map<String, String> env = new HashMap<>();
    private CapturedStreams streams;
    private int issued;

    @BeforeEach
    void start() throws IOException {
        provider = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        provider.createContext("/realms/connect/.well-known/openid-configuration", exchange -> answer(exchange, 200,
                "{\"issuer\":\"" + issuer() + "\",\"token_endpoint\":\"" + issuer() + "/token\","
                        + "\"device_authorization_endpoint\":\"" + issuer() + "/device\","
                        + "\"revocation_endpoint\":\"" + issuer() + "/revoke\"}"));
        provider.createContext("/realms/connect/device", exchange -> answer(exchange, 200,
                "{\"device_code\":\"dc-1\",\"user_code\":\"ABCD-EFGH\",\"verification_uri\":\"" + issuer() + "/device\","
                        + "\"verification_uri_complete\":\"" + issuer() + "/device?user_code=ABCD-EFGH\","
                        + "\"expires_in\":600,\"interval\":2}"));
        provider.createContext("/realms/connect/token", this::token);
        provider.createContext("/realms/connect/revoke", exchange -> {
            revoked.add(form(exchange).get("token"));
            answer(exchange, 200, "");
        });
        provider.start();
        api = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        api.createContext("/", exchange -> {
            apiAuthorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
            answer(exchange, 200, "{\"id\":\"s1\",\"name\":\"Prod\",\"state\":\"ACTIVE\",\"vaults\":[]}");
        });
        api.start();
        env.put("CONNECTCTL_CONFIG_DIR", dir.resolve("config").toString());
        env.put("CONNECT_SERVER_API", "http://127.0.0.1:" + api.getAddress().getPort());
        GlobalOptions.environment = env::get;
        GlobalOptions.workingDirectory = dir;
        LoginSessions.clock = Clock.fixed(Instant.now(), ZoneOffset.UTC);
        DeviceLogin.pause = duration -> {
            pauses.add(duration);
            advance(duration);
        };
        streams = CapturedStreams.capture();
    }

    @AfterEach
    void stop() {
        streams.close();
        GlobalOptions.environment = System::getenv;
        GlobalOptions.workingDirectory = Path.of("");
        LoginSessions.clock = Clock.systemUTC();
        DeviceLogin.pause = duration -> Thread.sleep(duration.toMillis());
        provider.stop(0);
        api.stop(0);
    }

    @Test
    void aPersonSignsInWithTheDeviceCodeAndCommandsUseTheSession() throws Exception {
        deviceAnswers.addAll(List.of("authorization_pending", "slow_down", "authorization_pending", "ok"));

        assertThat(ConnectCtl.run("login", "--issuer", issuer())).as(streams.err()).isZero();

        assertThat(streams.out()).contains("open " + issuer() + "/device and enter the code ABCD-EFGH",
                issuer() + "/device?user_code=ABCD-EFGH", "Signed in to " + issuer() + " as dana (groups: Platform)");
        assertThat(pauses).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(7),
                Duration.ofSeconds(7));
        assertThat(tokenRequests).allSatisfy(request -> assertThat(request)
                .containsEntry("grant_type", DeviceLogin.GRANT_TYPE).containsEntry("device_code", "dc-1")
                .containsEntry("client_id", "connectctl"));
        Path session = dir.resolve("config/session.json");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(session))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(session.getParent()))).isEqualTo("rwx------");

        assertThat(ConnectCtl.run("server", "get", "Prod")).as(streams.err()).isZero();
        assertThat(apiAuthorizations).containsExactly("Bearer " + jwt("dana", 1));
    }

    @Test
    void aRefusedOrExpiredSignInSaysSoAndStoresNothing() {
        deviceAnswers.addAll(List.of("authorization_pending", "access_denied"));
        assertThat(ConnectCtl.run("login", "--issuer", issuer())).isEqualTo(1);
        assertThat(streams.err()).contains("the sign-in was refused at " + issuer());

        deviceAnswers.addAll(List.of("expired_token"));
        assertThat(ConnectCtl.run("login", "--issuer", issuer())).isEqualTo(1);
        assertThat(streams.err()).contains("the code expired before the sign-in was approved");
        assertThat(dir.resolve("config/session.json")).doesNotExist();
    }

    @Test
    void theAccessTokenIsRenewedWithTheRefreshTokenBeforeItExpires() {
        deviceAnswers.add("ok");
        assertThat(ConnectCtl.run("login", "--issuer", issuer())).isZero();
        advance(Duration.ofSeconds(900 - 30));

        assertThat(ConnectCtl.run("server", "get", "Prod")).as(streams.err()).isZero();

        Map<String, String> refresh = tokenRequests.get(tokenRequests.size() - 1);
        assertThat(refresh).containsEntry("grant_type", "refresh_token").containsEntry("refresh_token", "refresh-1")
                .containsEntry("client_id", "connectctl");
        assertThat(apiAuthorizations).containsExactly("Bearer " + jwt("dana", 2));
        assertThat(ConnectCtl.run("server", "get", "Prod")).isZero();
        assertThat(apiAuthorizations).last().isEqualTo("Bearer " + jwt("dana", 2));
    }

    @Test
    void anExpiredSessionThatCannotBeRenewedAsksForANewLogin() {
        deviceAnswers.add("ok");
        assertThat(ConnectCtl.run("login", "--issuer", issuer())).isZero();
        advance(Duration.ofDays(2));

        assertThat(ConnectCtl.run("server", "get", "Prod")).isEqualTo(2);
        assertThat(streams.err()).contains("has expired", "run connectctl login");
        assertThat(apiAuthorizations).isEmpty();
    }

    @Test
    void automationSignsInWithClientCredentialsAndTheSecretStaysOutOfTheSession() throws Exception {
        Path secret = Files.writeString(dir.resolve("automation.secret"), "s3cr3t-value\n");

        assertThat(ConnectCtl.run("login", "--issuer", issuer(), "--client-id", "connect-automation",
                "--client-secret-file", secret.toString())).as(streams.err()).isZero();

        assertThat(tokenRequests.get(0)).containsEntry("grant_type", "client_credentials")
                .containsEntry("client_id", "connect-automation").containsEntry("client_secret", "s3cr3t-value");
        String stored = Files.readString(dir.resolve("config/session.json"));
        assertThat(stored).doesNotContain("s3cr3t-value").contains(secret.toString());
        advance(Duration.ofSeconds(900));
        assertThat(ConnectCtl.run("server", "get", "Prod")).as(streams.err()).isZero();
        assertThat(tokenRequests).hasSize(2);
        assertThat(tokenRequests.get(1)).containsEntry("grant_type", "client_credentials");
        assertThat(apiAuthorizations).containsExactly("Bearer " + jwt("service-account-connect-automation", 2));
    }

    @Test
    void aTokenFlagOrConnectTokenWinsOverTheSession() {
        deviceAnswers.add("ok");
        assertThat(ConnectCtl.run("login", "--issuer", issuer())).isZero();

        assertThat(ConnectCtl.run("server", "get", "Prod", "--token", "flag-token")).isZero();
        env.put("CONNECT_TOKEN", "env-token");
        assertThat(ConnectCtl.run("server", "get", "Prod")).isZero();

        assertThat(apiAuthorizations).containsExactly("Bearer flag-token", "Bearer env-token");
    }

    @Test
    void logoutRevokesTheRefreshTokenAndRemovesTheSession() {
        deviceAnswers.add("ok");
        assertThat(ConnectCtl.run("login", "--issuer", issuer())).isZero();

        assertThat(ConnectCtl.run("logout")).isZero();

        assertThat(revoked).containsExactly("refresh-1");
        assertThat(dir.resolve("config/session.json")).doesNotExist();
        assertThat(streams.out()).contains("Signed out of " + issuer() + "; its refresh token is revoked at the provider");
        assertThat(ConnectCtl.run("server", "get", "Prod")).isEqualTo(2);
        assertThat(streams.err()).contains("no identity", "connectctl login");
    }

    @Test
    void withoutAProviderLoginSaysHowToNameOne() {
        assertThat(ConnectCtl.run("login")).isEqualTo(2);
        assertThat(streams.err()).contains("no identity provider: pass --issuer URL or set CONNECT_OIDC_ISSUER");
    }

    /** Time passes: the sessions' clock moves on by {@code by}. */
    private static void advance(Duration by) {
        LoginSessions.clock = Clock.offset(LoginSessions.clock, by);
    }

    private String issuer() {
        return "http://127.0.0.1:" + provider.getAddress().getPort() + "/realms/connect";
    }

    private void token(HttpExchange exchange) throws IOException {
        Map<String, String> form = form(exchange);
        tokenRequests.add(form);
        switch (form.get("grant_type")) {
            case DeviceLogin.GRANT_TYPE -> {
                String next = deviceAnswers.poll();
                if ("ok".equals(next)) {
                    answer(exchange, 200, tokens("dana", true));
                } else {
                    answer(exchange, 400, "{\"error\":\"" + next + "\"}");
                }
            }
            case "refresh_token" -> answer(exchange, 200, tokens("dana", true));
            case "client_credentials" -> answer(exchange, 200, tokens("service-account-connect-automation", false));
            default -> answer(exchange, 400, "{\"error\":\"unsupported_grant_type\"}");
        }
    }

    private String tokens(String user, boolean refresh) {
        issued++;
        return "{\"access_token\":\"" + jwt(user, issued) + "\",\"expires_in\":900,\"token_type\":\"Bearer\""
                + (refresh ? ",\"refresh_token\":\"refresh-" + issued + "\",\"refresh_expires_in\":28800" : "") + "}";
    }

    /** A JWT-shaped token (the fake provider does not sign; connectctl only reads its claims for display). */
    private static String jwt(String user, int serial) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String groups = user.equals("dana") ? "[\"Platform\"]" : "[\"Owners\"]";
        return b64.encodeToString("{\"alg\":\"RS256\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(("{\"preferred_username\":\"" + user + "\",\"groups\":" + groups + ",\"n\":" + serial + "}")
                .getBytes(StandardCharsets.UTF_8)) + ".sig";
    }

    private static Map<String, String> form(HttpExchange exchange) throws IOException {
        Map<String, String> form = new HashMap<>();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream stream = exchange.getResponseBody()) {
            stream.write(bytes);
        }
    }
}

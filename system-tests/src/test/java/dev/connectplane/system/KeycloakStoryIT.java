package dev.connectplane.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.connectplane.infra.KeycloakRealm;
import dev.connectplane.infra.KeycloakServer;
import dev.connectplane.testing.KeycloakIdentities;
import dev.connectplane.testing.SharedInfra;
import dev.connectplane.testing.TestIdentities;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The services trusting a real Keycloak ({@link SharedInfra#keycloak()}, started once for the
 * suite) by its issuer URL alone: the shared stack's services restarted with
 * {@code CONNECT_AUTH_ISSUER} and no key location, so their keys come from the JWKS of Keycloak's
 * OpenID configuration (and restarted trusting the tests' issuer again afterwards). The whole connectctl story runs with tokens Keycloak
 * issues, with Keycloak's signing key rotated halfway; a user taken out of a group loses its rights
 * with their next token; {@code connectctl login} signs in with the device code (approved in
 * Keycloak's pages as a person would) and with client credentials; Keycloak's bad tokens are 401s;
 * and while Keycloak is down, tokens of keys the services hold still work.
 */
class KeycloakStoryIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** How soon the services may read Keycloak's keys again (10 s by default), so the outage test need not wait long. */
    private static final Duration MIN_REFRESH = Duration.ofSeconds(1);
    private static final Pattern COMPLETE_URI = Pattern.compile("\\(or open (\\S+)\\)");

    private static SystemStack stack;
    private static KeycloakIdentities keycloak;
    private static boolean trustingKeycloak;

    @TempDir
    Path work;

    @BeforeAll
    static void start() throws Exception {
        Optional<String> notHere = KeycloakServer.whyNotRunnableHere();
        assumeTrue(notHere.isEmpty(), notHere.orElse(""));
        stack = SystemStack.shared();
        keycloak = SharedInfra.keycloak();
        System.out.printf("Keycloak %s: answered %d ms after its launch, %s RSS%n", keycloak.server().issuer(),
                keycloak.server().startedIn().toMillis(), rss(keycloak.server().keycloakPid()));
        trustingKeycloak = true;
        stack.restartEveryService(Map.of("CONNECT_AUTH_ISSUER", keycloak.server().issuer(),
                "CONNECT_AUTH_PUBLIC_KEY_LOCATION", "", "CONNECT_AUTH_KEYS_MIN_REFRESH_INTERVAL", MIN_REFRESH.toString()));
    }

    @AfterAll
    static void restoreTheTestsIssuer() throws Exception {
        if (trustingKeycloak) {
            stack.restartEveryService(Map.of());
        }
    }

    @Test
    void theWholeStoryRunsOnKeycloaksTokensThroughAKeyRotation() throws Exception {
        String keyBefore = KeycloakIdentities.keyIdOf(keycloak.token("admin"));
        List<String> rotatedTo = new ArrayList<>();
        new ConnectctlStory(new SharedInfraTarget() {
            @Override
            public String url(String service) {
                return keycloakTrusting(service);
            }

            @Override
            public String token(String user) {
                return keycloak.token(user);
            }

            @Override
            public void midway() {
                rotatedTo.add(keycloak.rotateSigningKey());
            }
        }, work).run();

        assertThat(rotatedTo).hasSize(1).doesNotContain(keyBefore);
        assertThat(KeycloakIdentities.keyIdOf(keycloak.token("admin"))).isEqualTo(rotatedTo.get(0));
    }

    @Test
    void aUserTakenOutOfAGroupLosesItsRightsWithTheirNextToken() throws Exception {
        ConnectctlStory ctl = story();
        String admin = keycloak.token("admin");
        String server = "Keycloak group " + UUID.randomUUID().toString().substring(0, 6);
        assertThat(ctl.ctl(admin, "group", "grant", "--group", "Platform", "--all-servers").ok()).isTrue();
        assertThat(ctl.ctl(admin, "server", "create", server, "--credentials-file", work.resolve("c.json").toString()).ok())
                .isTrue();
        await().atMost(Duration.ofSeconds(30)).until(() -> ctl.ctl(keycloak.token("dana"), "server", "get", server).ok());

        keycloak.removeFromGroup("dana", "Platform");
        try {
            String after = keycloak.token("dana");
            ConnectctlStory.Result refused = ctl.ctl(after, "server", "get", server);
            assertThat(refused.exit()).isNotZero();
            assertThat(refused.err()).contains("not found");
            assertThat(ctl.ctl(after, "server", "list").out()).doesNotContain(server);
            assertThat(ctl.ctl(after, "token", "list", "--server", server).err()).contains("not found");
        } finally {
            keycloak.addToGroup("dana", "Platform");
        }
        assertThat(ctl.ctl(keycloak.token("dana"), "server", "get", server).ok()).isTrue();
    }

    @Test
    void connectctlLoginSignsInWithTheDeviceCodeAndWithClientCredentials() throws Exception {
        ConnectctlStory ctl = story();
        String issuer = keycloak.server().issuer();

        Process login = ctl.startWithSession("login", "--issuer", issuer);
        List<String> printed = new ArrayList<>();
        BufferedReader out = new BufferedReader(new InputStreamReader(login.getInputStream(), StandardCharsets.UTF_8));
        String uri = null;
        for (String line = out.readLine(); line != null && uri == null; line = out.readLine()) {
            printed.add(line);
            Matcher complete = COMPLETE_URI.matcher(line);
            if (complete.find()) {
                uri = complete.group(1);
            }
        }
        assertThat(uri).as(String.join("\n", printed)).isNotNull().startsWith(issuer + "/device");
        assertThat(printed.get(0)).startsWith("To sign in, open " + issuer + "/device and enter the code ");
        assertThat(keycloak.approveDevice(uri, "admin")).isEqualTo("Device Login Successful");
        assertThat(login.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String rest = new String(login.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(login.exitValue()).as(rest).isZero();
        assertThat(rest).contains("Signed in to " + issuer + " as admin (groups: Owners)");
        Path session = ctl.sessionDirectory().resolve("session.json");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(session))).isEqualTo("rw-------");

        ConnectctlStory.Result listed = ctl.ctlWithSession("server", "list");
        assertThat(listed.exit()).as(listed.err()).isZero();
        assertThat(ctl.ctlWithSession("logout").out()).contains("Signed out of " + issuer,
                "its refresh token is revoked at the provider");
        assertThat(session).doesNotExist();
        assertThat(ctl.ctlWithSession("server", "list").err()).contains("no identity");

        Path secret = keycloak.server().credentials().clientSecretFile();
        ConnectctlStory.Result automation = ctl.ctlWithSession("login", "--issuer", issuer,
                "--client-id", KeycloakRealm.AUTOMATION_CLIENT, "--client-secret-file", secret.toString());
        assertThat(automation.exit()).as(automation.err()).isZero();
        assertThat(automation.out()).contains("as service-account-connect-automation (groups: Owners)");
        assertThat(Files.readString(session)).doesNotContain(keycloak.server().credentials().clientSecret());
        ConnectctlStory.Result asAutomation = ctl.ctlWithSession("audit", "list", "--limit", "1");
        assertThat(asAutomation.exit()).as("the audit is for managers: " + asAutomation.err()).isZero();
        assertThat(ctl.ctlWithSession("logout").ok()).isTrue();
    }

    @Test
    void tokensTheServicesMustNotTrustAre401sThatSayWhy() throws Exception {
        String servers = keycloakTrusting("server-service") + "/v1/servers";
        String otherAudience = keycloak.tokenOfClient("admin", "admin-cli");
        String devIssuer = TestIdentities.token("admin", TestIdentities.MANAGERS_GROUP);
        String forgedKid = forgedKid(keycloak.token("admin"), "not-a-key-of-keycloak");

        assertRefused(servers, otherAudience, "not issued for this API (aud)");
        assertRefused(servers, devIssuer, "error=\"invalid_token\"");
        assertRefused(servers, forgedKid, "not signed by a key of the trusted issuer");
        assertThat(get(servers, keycloak.token("admin")).statusCode()).isEqualTo(200);
    }

    @Test
    void aKeycloakOutageStopsOnlyTokensSignedWithAKeyTheServicesNeverSaw() throws Exception {
        String servers = keycloakTrusting("server-service") + "/v1/servers";
        String known = keycloak.token("admin");
        assertThat(get(servers, known).statusCode()).isEqualTo(200);
        String unseenKey = forgedKid(known, "rotated-while-keycloak-is-down");

        keycloak.outage(() -> {
            assertThat(get(servers, known).statusCode()).as("a key the services hold").isEqualTo(200);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertRefused(servers, unseenKey, "the issuer's keys cannot be read now"));
            assertThat(get(servers, known).statusCode()).isEqualTo(200);
        });

        String afterRestart = keycloak.token("admin");
        assertThat(KeycloakIdentities.keyIdOf(afterRestart)).isNotEqualTo(KeycloakIdentities.keyIdOf(known));
        await().atMost(Duration.ofSeconds(30)).until(() -> get(servers, afterRestart).statusCode() == 200);
    }

    /** {@code token} with its header's {@code kid} replaced (its signature no longer matters: no key has that ID). */
    private static String forgedKid(String token, String kid) {
        return token.replaceFirst("^[^.]+", Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"" + kid + "\"}")
                        .getBytes(StandardCharsets.UTF_8)));
    }

    private static void assertRefused(String url, String token, String challenge) throws Exception {
        HttpResponse<String> answer = get(url, token);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(401);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
        assertThat(answer.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(value ->
                assertThat(value).contains("error=\"invalid_token\"", challenge));
    }

    private static HttpResponse<String> get(String url, String token) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private ConnectctlStory story() {
        return new ConnectctlStory(new SharedInfraTarget() {
            @Override
            public String url(String service) {
                return keycloakTrusting(service);
            }
        }, work);
    }

    private static String keycloakTrusting(String service) {
        return stack.url(service);
    }

    private static String rss(long pid) {
        try {
            return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                    .filter(line -> line.startsWith("VmRSS:"))
                    .map(line -> line.substring("VmRSS:".length()).strip())
                    .findFirst()
                    .orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}

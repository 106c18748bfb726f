package dev.connectplane.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.connectplane.infra.KeycloakCredentials;
import dev.connectplane.infra.KeycloakRealm;
import dev.connectplane.infra.KeycloakServer;
import java.io.IOException;
import java.net.CookieHandler;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What a test does at a real Keycloak serving the {@link KeycloakRealm}: tokens of its users
 * (password grant of the {@value KeycloakRealm#CLI_CLIENT} client) and of the automation client
 * (client credentials), a person approving a device code in the browser (the login and consent
 * forms, posted as a browser would), and the administrator's changes (a new signing key, a
 * user removed from a group) through Keycloak's admin REST API.
 */
public final class KeycloakIdentities {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LOGIN_FORM = Pattern.compile("id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"");
    private static final Pattern CONSENT_FORM = Pattern.compile("action=\"([^\"]*login-actions/consent[^\"]*)\"");
    private static final Pattern CODE_FIELD = Pattern.compile("name=\"code\" value=\"([^\"]+)\"");

    private volatile KeycloakServer keycloak;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private int rotations;

    public KeycloakIdentities(KeycloakServer keycloak) {
        this.keycloak = keycloak;
    }

    public KeycloakServer server() {
        return keycloak;
    }

    /** What a test does while Keycloak is down. */
    public interface DuringOutage {
        void run() throws Exception;
    }

    /**
     * Keycloak stopped, {@code during} run, and Keycloak started again on the same port (realm
     * imported afresh: new signing keys, the same users and passwords), also when {@code during} fails.
     */
    public synchronized void outage(DuringOutage during) throws Exception {
        keycloak.close();
        try {
            during.run();
        } finally {
            keycloak = keycloak.restart();
        }
    }

    /** An access token of a realm user (admin, devon, dana, olly), with the groups Keycloak has for them now. */
    public String token(String user) {
        return tokenOfClient(user, KeycloakRealm.CLI_CLIENT);
    }

    /** An access token of a realm user through another client of the realm (password grant), e.g. Keycloak's own {@code admin-cli}. */
    public String tokenOfClient(String user, String clientId) {
        return tokenResponse(Map.of("grant_type", "password", "client_id", clientId,
                "username", user, "password", credentials().password(user), "scope", "openid"))
                .path("access_token").asText();
    }

    /** An access token of the automation client's service account (group Owners). */
    public String automationToken() {
        return tokenResponse(Map.of("grant_type", "client_credentials", "client_id", KeycloakRealm.AUTOMATION_CLIENT,
                "client_secret", credentials().clientSecret())).path("access_token").asText();
    }

    /** The {@code kid} in the header of {@code jwt}. */
    public static String keyIdOf(String jwt) {
        try {
            return JSON.readTree(Base64.getUrlDecoder().decode(jwt.substring(0, jwt.indexOf('.')))).path("kid").asText();
        } catch (IOException e) {
            throw new IllegalArgumentException("not a JWT", e);
        }
    }

    /**
     * A new RS256 signing key of the realm, with a priority above the current one: Keycloak signs
     * new tokens with it from now on. Returns its {@code kid}.
     */
    public synchronized String rotateSigningKey() {
        rotations++;
        String before = keyIdOf(token("admin"));
        String body = "{\"name\":\"rsa-rotated-" + rotations + "\",\"providerId\":\"rsa-generated\","
                + "\"providerType\":\"org.keycloak.keys.KeyProvider\",\"parentId\":\"" + KeycloakRealm.REALM + "\","
                + "\"config\":{\"priority\":[\"" + (100 + rotations * 100) + "\"],"
                + "\"enabled\":[\"true\"],\"active\":[\"true\"],\"algorithm\":[\"RS256\"],\"keySize\":[\"2048\"]}}";
        admin("POST", "/components", body, 201);
        String after = keyIdOf(token("admin"));
        if (after.equals(before)) {
            throw new IllegalStateException("Keycloak still signs with " + before + " after the new key was added");
        }
        return after;
    }

    /** Takes {@code user} out of {@code group} at Keycloak: their next token no longer names it. */
    public void removeFromGroup(String user, String group) {
        admin("DELETE", "/users/" + userId(user) + "/groups/" + groupId(group), null, 204);
    }

    /** Puts {@code user} into {@code group} at Keycloak. */
    public void addToGroup(String user, String group) {
        admin("PUT", "/users/" + userId(user) + "/groups/" + groupId(group), null, 204);
    }

    /**
     * What a person does with the URL {@code connectctl login} printed: opens it, signs in as
     * {@code user} and grants the access. Returns the title of the page Keycloak ends on.
     */
    public String approveDevice(String verificationUriComplete, String user) {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new LoopbackCookies())
                .followRedirects(HttpClient.Redirect.NORMAL).connectTimeout(Duration.ofSeconds(5)).build();
        String page = send(browser, HttpRequest.newBuilder(URI.create(verificationUriComplete)).GET());
        String login = unescape(find(LOGIN_FORM, page, "login form"));
        page = send(browser, form(URI.create(login), Map.of("username", user, "password", credentials().password(user),
                "login", "Sign In")));
        Matcher consent = CONSENT_FORM.matcher(page);
        if (consent.find()) {
            URI action = URI.create(keycloak.baseUrl()).resolve(unescape(consent.group(1)));
            page = send(browser, form(action, Map.of("code", find(CODE_FIELD, page, "consent code"), "accept", "Yes")));
        }
        Matcher title = Pattern.compile("id=\"kc-page-title\">\\s*(?:<p>)?\\s*([^<]+?)\\s*<").matcher(page);
        return title.find() ? title.group(1) : "";
    }

    /**
     * A browser's cookie jar on the loopback address: Keycloak marks its cookies Secure, and
     * browsers send those to {@code http://127.0.0.1} (a secure context), where the JDK's
     * {@link CookieManager} would not (nor does its store match cookies to an IP address).
     */
    private static final class LoopbackCookies extends CookieHandler {

        private final CookieManager jar = new CookieManager(null, CookiePolicy.ACCEPT_ALL);

        @Override
        public Map<String, List<String>> get(URI uri, Map<String, List<String>> requestHeaders) {
            String cookies = jar.getCookieStore().getCookies().stream()
                    .filter(cookie -> cookie.getDomain() == null || cookie.getDomain().equalsIgnoreCase(uri.getHost()))
                    .filter(cookie -> cookie.getPath() == null || uri.getPath().startsWith(cookie.getPath()))
                    .map(cookie -> cookie.getName() + "=" + cookie.getValue())
                    .collect(Collectors.joining("; "));
            return cookies.isEmpty() ? Map.of() : Map.of("Cookie", List.of(cookies));
        }

        @Override
        public void put(URI uri, Map<String, List<String>> responseHeaders) throws IOException {
            jar.put(uri, responseHeaders);
        }
    }

    private KeycloakCredentials credentials() {
        return keycloak.credentials();
    }

    private JsonNode tokenResponse(Map<String, String> form) {
        return tokenResponse(URI.create(keycloak.issuer() + "/protocol/openid-connect/token"), form);
    }

    private JsonNode tokenResponse(URI endpoint, Map<String, String> form) {
        HttpResponse<String> response = exchange(http, form(endpoint, form).build());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Keycloak refused a token (" + response.statusCode() + "): " + response.body());
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("Keycloak's token endpoint did not answer JSON", e);
        }
    }

    private String adminToken() {
        return tokenResponse(URI.create(keycloak.baseUrl() + "/realms/master/protocol/openid-connect/token"),
                Map.of("grant_type", "password", "client_id", "admin-cli", "username", KeycloakCredentials.ADMIN,
                        "password", credentials().password(KeycloakCredentials.ADMIN))).path("access_token").asText();
    }

    private String admin(String method, String path, String body, int expected) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(keycloak.baseUrl() + "/admin/realms/" + KeycloakRealm.REALM + path))
                .header("Authorization", "Bearer " + adminToken())
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response = exchange(http, request);
        if (response.statusCode() != expected) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private String userId(String user) {
        return onlyId(admin("GET", "/users?exact=true&username=" + encode(user), null, 200), "user " + user);
    }

    private String groupId(String group) {
        return onlyId(admin("GET", "/groups?exact=true&search=" + encode(group), null, 200), "group " + group);
    }

    private static String onlyId(String array, String what) {
        try {
            JsonNode found = JSON.readTree(array);
            if (found.size() != 1) {
                throw new IllegalStateException("Keycloak has " + found.size() + " of " + what);
            }
            return found.get(0).path("id").asText();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpRequest.Builder form(URI uri, Map<String, String> fields) {
        String body = new LinkedHashMap<>(fields).entrySet().stream()
                .map(field -> encode(field.getKey()) + "=" + encode(field.getValue()))
                .collect(Collectors.joining("&"));
        return HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private static String send(HttpClient browser, HttpRequest.Builder request) {
        HttpResponse<String> response = exchange(browser, request.build());
        if (response.statusCode() >= 400) {
            throw new IllegalStateException(response.uri() + " answered " + response.statusCode());
        }
        return response.body();
    }

    private static HttpResponse<String> exchange(HttpClient client, HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("cannot reach Keycloak at " + request.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String find(Pattern pattern, String page, String what) {
        Matcher matcher = pattern.matcher(page);
        if (!matcher.find()) {
            throw new IllegalStateException("Keycloak's page has no " + what);
        }
        return matcher.group(1);
    }

    private static String unescape(String html) {
        return html.replace("&amp;", "&");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}

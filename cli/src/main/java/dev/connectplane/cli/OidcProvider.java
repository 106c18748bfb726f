package dev.connectplane.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The OpenID provider connectctl signs in at: its endpoints from its OpenID configuration
 * ({@code <issuer>/.well-known/openid-configuration}), and the OAuth 2.0 requests of
 * {@code login}: the device authorization request (RFC 8628 §3.1), token requests (device code,
 * refresh token, client credentials) and token revocation (RFC 7009).
 */
final class OidcProvider {

    // HTTP/1.1: the services speak it, and the default (HTTP/2, by an h2c upgrade on plain HTTP) costs a
    // start-up of its own on every command
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** A token endpoint's answer: the tokens (status 200), or the OAuth error it names. */
    record TokenAnswer(int status, JsonNode body) {

        boolean ok() {
            return status == 200 && body.hasNonNull("access_token");
        }

        String error() {
            return body.path("error").asText("");
        }

        String describe() {
            String description = body.path("error_description").asText("");
            return error().isEmpty() ? "HTTP " + status : error() + (description.isEmpty() ? "" : ": " + description);
        }
    }

    private final String issuer;
    private final JsonNode configuration;

    private OidcProvider(String issuer, JsonNode configuration) {
        this.issuer = issuer;
        this.configuration = configuration;
    }

    /** The provider behind {@code issuer}, from its OpenID configuration (whose {@code issuer} must match). */
    static OidcProvider discover(String issuer) {
        String base = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
        URI uri;
        try {
            uri = URI.create(base + "/.well-known/openid-configuration");
        } catch (IllegalArgumentException e) {
            throw new CliException("the issuer '" + issuer + "' is not a URL", 2);
        }
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri).GET(), issuer);
        if (response.statusCode() != 200) {
            throw new CliException("the issuer " + issuer + " has no OpenID configuration (" + uri + " answered "
                    + response.statusCode() + ")");
        }
        JsonNode configuration = json(response.body(), uri.toString());
        if (!issuer.equals(configuration.path("issuer").asText())) {
            throw new CliException(uri + " names the issuer '" + configuration.path("issuer").asText()
                    + "', not '" + issuer + "'");
        }
        return new OidcProvider(issuer, configuration);
    }

    String issuer() {
        return issuer;
    }

    String tokenEndpoint() {
        return endpoint("token_endpoint");
    }

    /** The device authorization request of {@code clientId}: device and user codes, the URL to open, the polling interval. */
    JsonNode authorizeDevice(String clientId, String scope) {
        String endpoint = endpoint("device_authorization_endpoint");
        HttpResponse<String> response = post(endpoint, Map.of("client_id", clientId, "scope", scope));
        JsonNode body = json(response.body(), endpoint);
        if (response.statusCode() != 200 || !body.hasNonNull("device_code")) {
            throw new CliException("the provider refused the device authorization of client " + clientId + ": "
                    + new TokenAnswer(response.statusCode(), body).describe());
        }
        return body;
    }

    /** A token request at {@code tokenEndpoint} with {@code form}; an OAuth error comes back as an answer too. */
    static TokenAnswer token(String tokenEndpoint, Map<String, String> form) {
        HttpResponse<String> response = post(tokenEndpoint, form);
        return new TokenAnswer(response.statusCode(), json(response.body(), tokenEndpoint));
    }

    /** Revokes {@code refreshToken} at the provider's revocation endpoint, if it has one; whether it did. */
    boolean revoke(String clientId, String refreshToken) {
        if (!configuration.hasNonNull("revocation_endpoint")) {
            return false;
        }
        HttpResponse<String> response = post(configuration.get("revocation_endpoint").asText(),
                Map.of("client_id", clientId, "token", refreshToken, "token_type_hint", "refresh_token"));
        return response.statusCode() == 200;
    }

    private String endpoint(String name) {
        if (!configuration.hasNonNull(name)) {
            throw new CliException("the provider " + issuer + " has no " + name);
        }
        return configuration.get(name).asText();
    }

    private static HttpResponse<String> post(String endpoint, Map<String, String> form) {
        String body = new LinkedHashMap<>(form).entrySet().stream()
                .map(field -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(endpoint))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)), endpoint);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request, String where) {
        try {
            return HTTP.send(request.header("Accept", "application/json").timeout(Duration.ofSeconds(15)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException | HttpTimeoutException e) {
            throw new CliException("cannot reach the identity provider at " + where + ": " + e.getMessage());
        } catch (IOException e) {
            throw new CliException("the identity provider at " + where + " failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted");
        }
    }

    private static JsonNode json(String body, String from) {
        try {
            return Api.JSON.readTree(body);
        } catch (IOException e) {
            throw new CliException(from + " did not answer JSON");
        }
    }
}

package dev.connectplane.foundation.auth;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.jose4j.json.JsonUtil;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.lang.JoseException;

/**
 * The issuer's JWKS over HTTP, read with the JDK's asynchronous client (its own threads, never an
 * event loop): from a configured URL, or from the {@code jwks_uri} of the issuer's OpenID
 * configuration ({@code <issuer>/.well-known/openid-configuration}, whose {@code issuer} must be
 * the configured one), discovered once and kept.
 */
final class JwksEndpoint implements KeySource {

    /** How long a connection and a whole response may take. */
    record Timeouts(Duration connect, Duration response) {
    }

    private static final String DISCOVERY = "/.well-known/openid-configuration";

    private final HttpClient http;
    private final Timeouts timeouts;
    private final String issuer;
    private volatile URI jwks;

    private JwksEndpoint(URI jwks, String issuer, Timeouts timeouts) {
        this.jwks = jwks;
        this.issuer = issuer;
        this.timeouts = timeouts;
        this.http = HttpClient.newBuilder().connectTimeout(timeouts.connect())
                .followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    static JwksEndpoint at(String url, Timeouts timeouts) {
        return new JwksEndpoint(URI.create(url), null, timeouts);
    }

    static JwksEndpoint discovered(String issuer, Timeouts timeouts) {
        if (issuer == null || !(issuer.startsWith("https://") || issuer.startsWith("http://"))) {
            throw new IllegalStateException("connect.auth.public-key-location is not set and the issuer '" + issuer
                    + "' is not a URL whose OpenID configuration names its keys: set CONNECT_AUTH_PUBLIC_KEY_LOCATION"
                    + " (a PEM file, a JWKS file or a JWKS URL) or CONNECT_AUTH_ISSUER to the provider's issuer URL");
        }
        return new JwksEndpoint(null, issuer, timeouts);
    }

    @Override
    public CompletableFuture<List<JsonWebKey>> load() {
        URI known = jwks;
        CompletableFuture<URI> uri = known != null ? CompletableFuture.completedFuture(known) : discover();
        return uri.thenCompose(this::get).thenApply(JwksEndpoint::keys);
    }

    @Override
    public boolean refreshable() {
        return true;
    }

    @Override
    public String describe() {
        URI known = jwks;
        return known != null ? "the JWKS at " + known : "the JWKS named by " + issuer + DISCOVERY;
    }

    private CompletableFuture<URI> discover() {
        URI configuration = URI.create(stripSlash(issuer) + DISCOVERY);
        return get(configuration).thenApply(body -> {
            Map<String, Object> document = json(body, configuration);
            if (!issuer.equals(document.get("issuer"))) {
                throw new IllegalStateException(configuration + " names the issuer '" + document.get("issuer")
                        + "', not the configured '" + issuer + "'");
            }
            if (!(document.get("jwks_uri") instanceof String location)) {
                throw new IllegalStateException(configuration + " names no jwks_uri");
            }
            URI found = URI.create(location);
            jwks = found;
            return found;
        });
    }

    private CompletableFuture<String> get(URI uri) {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeouts.response())
                .header("Accept", "application/json").GET().build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(response -> {
            if (response.statusCode() != 200) {
                throw new IllegalStateException(uri + " answered " + response.statusCode());
            }
            return response.body();
        });
    }

    private static List<JsonWebKey> keys(String body) {
        try {
            return new JsonWebKeySet(body).getJsonWebKeys();
        } catch (JoseException e) {
            throw new CompletionException(new IllegalStateException("the issuer's JWKS is not a JWK set: " + e.getMessage(), e));
        }
    }

    private static Map<String, Object> json(String body, URI from) {
        try {
            return JsonUtil.parseJson(body);
        } catch (JoseException e) {
            throw new IllegalStateException(from + " is not JSON: " + e.getMessage(), e);
        }
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}

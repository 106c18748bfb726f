package dev.connectplane.foundation.auth;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.jose4j.jwk.JsonWebKey;

/** Where the trusted issuer's public keys come from: a file read once, or an endpoint read again on rotation. */
interface KeySource {

    /** The keys as the source has them now; completes exceptionally when they cannot be read. */
    CompletableFuture<List<JsonWebKey>> load();

    /** Whether reading again can bring new keys (an endpoint), or never (a file). */
    boolean refreshable();

    /** Where the keys come from, for logs and errors. */
    String describe();

    /**
     * The keys the configuration names: those at {@code location} when it is given, else those the
     * {@code issuer}'s OpenID configuration names.
     */
    static KeySource of(Optional<String> location, String issuer, JwksEndpoint.Timeouts timeouts) {
        return location.filter(value -> !value.isBlank())
                .map(value -> at(value, timeouts))
                .orElseGet(() -> JwksEndpoint.discovered(issuer, timeouts));
    }

    /** The keys at {@code location}: an {@code http(s)} URL is a JWKS endpoint; anything else a file (PEM public key or JWKS). */
    static KeySource at(String location, JwksEndpoint.Timeouts timeouts) {
        if (location.startsWith("https://") || location.startsWith("http://")) {
            return JwksEndpoint.at(location, timeouts);
        }
        return new KeyFile(location);
    }
}

package dev.connectplane.foundation.auth;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

/**
 * A small OpenID provider for the tests: an HTTP server answering its OpenID configuration and
 * JWKS, whose signing keys a test rotates, and which mints RS256 tokens.
 */
final class TestProvider implements AutoCloseable {

    static final String AUDIENCE = "connect-control-plane";

    private final HttpServer server;
    private final List<RsaJsonWebKey> published = new CopyOnWriteArrayList<>();
    private final AtomicInteger jwksReads = new AtomicInteger();
    private volatile RsaJsonWebKey signing;

    TestProvider() throws IOException, JoseException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/realms/test/.well-known/openid-configuration", exchange -> answer(exchange,
                "{\"issuer\":\"" + issuer() + "\",\"jwks_uri\":\"" + issuer() + "/protocol/openid-connect/certs\"}"));
        server.createContext("/realms/test/protocol/openid-connect/certs", exchange -> {
            jwksReads.incrementAndGet();
            answer(exchange, new JsonWebKeySet(List.copyOf(published)).toJson());
        });
        server.start();
        rotate();
    }

    String issuer() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/realms/test";
    }

    int jwksReads() {
        return jwksReads.get();
    }

    /** A new signing key, published beside the old ones. */
    void rotate() throws JoseException {
        RsaJsonWebKey key = RsaJwkGenerator.generateJwk(2048);
        key.setKeyId("k" + (published.size() + 1));
        key.setUse("sig");
        key.setAlgorithm(AlgorithmIdentifiers.RSA_USING_SHA256);
        published.add(key);
        signing = key;
    }

    /** Drops every published key but the one signing now, as a provider does with a compromised key. */
    void retireAllButTheSigningKey() {
        published.removeIf(key -> key != signing);
    }

    void stop() {
        server.stop(0);
    }

    String token(String user, List<String> groups) throws JoseException {
        return token(claims(user, groups), signing);
    }

    JwtClaims claims(String user, List<String> groups) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer());
        claims.setAudience(AUDIENCE);
        claims.setSubject("id-" + user);
        claims.setClaim("preferred_username", user);
        claims.setStringListClaim("groups", groups);
        claims.setIssuedAtToNow();
        claims.setExpirationTimeMinutesInTheFuture(5);
        return claims;
    }

    JwtClaims expiredClaims(String user) {
        JwtClaims claims = claims(user, List.of());
        claims.setExpirationTime(NumericDate.fromSeconds(Instant.now().minusSeconds(600).getEpochSecond()));
        return claims;
    }

    String token(JwtClaims claims) throws JoseException {
        return token(claims, signing);
    }

    /** A token signed with a key the provider never published. */
    String forged(String kid) throws JoseException {
        RsaJsonWebKey key = RsaJwkGenerator.generateJwk(2048);
        key.setKeyId(kid);
        return token(claims("mallory", List.of("Owners")), key);
    }

    static String token(JwtClaims claims, RsaJsonWebKey key) throws JoseException {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key.getPrivateKey());
        if (key.getKeyId() != null) {
            jws.setKeyIdHeaderValue(key.getKeyId());
        }
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        return jws.getCompactSerialization();
    }

    @Override
    public void close() {
        stop();
    }

    private static void answer(HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}

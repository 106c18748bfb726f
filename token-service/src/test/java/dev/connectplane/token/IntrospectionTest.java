package dev.connectplane.token;

import static dev.connectplane.token.TokenTestSupport.createToken;
import static dev.connectplane.token.TokenTestSupport.introspect;
import static dev.connectplane.token.TokenTestSupport.isActive;
import static dev.connectplane.token.TokenTestSupport.knownServer;
import static dev.connectplane.token.TokenTestSupport.token;
import static dev.connectplane.token.TokenTestSupport.unique;
import static dev.connectplane.token.TokenTestSupport.vault;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.aMapWithSize;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import dev.connectplane.contracts.common.VaultRef;
import dev.connectplane.testing.ConnectInfraResource;
import dev.connectplane.token.TokenTestSupport.TestServer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.keys.EllipticCurves;
import org.jose4j.keys.HmacKey;
import org.junit.jupiter.api.Test;

/** Introspection answers, and what it makes of tokens that are not what they claim. */
@QuarkusTest
@QuarkusTestResource(ConnectInfraResource.class)
class IntrospectionTest {

    @Inject
    Pool pool;

    @Test
    void anActiveTokenReportsItsScopesAndAnswersVaultChecks() {
        VaultRef prod = vault("Prod");
        VaultRef dev = vault("Dev");
        TestServer server = knownServer(pool, prod, dev);
        var created = createToken(unique("t"), server.id(), List.of(prod.vaultId() + ",r", dev.vaultId()), "30d")
                .statusCode(201).extract();
        String jwt = created.path("token");

        introspect(jwt).statusCode(200)
                .body("active", equalTo(true))
                .body("token_id", equalTo(created.path("id")))
                .body("server_id", equalTo(server.id()))
                .body("vaults.find { it.id == '" + prod.vaultId() + "' }.acl", equalTo(List.of("read")))
                .body("exp", notNullValue());
        check(jwt, prod.vaultId(), "read").body("allowed", equalTo(true));
        check(jwt, prod.vaultId(), "write").body("allowed", equalTo(false));
        check(jwt, dev.vaultId(), "write").body("allowed", equalTo(true));
        check(jwt, "someothervault000000000000", null).body("allowed", equalTo(false));
        given().contentType(ContentType.JSON).body(Map.of("token", jwt, "vault", prod.vaultId()))
                .post("/v1/tokens/introspect").then().statusCode(200).body("allowed", equalTo(true));
    }

    @Test
    void anExpiredTokenIsInactive() {
        VaultRef prod = vault("Prod");
        TestServer server = knownServer(pool, prod);
        String jwt = createToken(unique("short"), server.id(), List.of(prod.vaultId()), "1s").statusCode(201)
                .extract().path("token");
        await().atMost(Duration.ofSeconds(5)).until(() -> !isActive(jwt));
        introspect(jwt).body("", aMapWithSize(1));
    }

    @Test
    void tamperedForgedAndMalformedTokensAreInactive() throws Exception {
        VaultRef prod = vault("Prod");
        TestServer server = knownServer(pool, prod);
        String[] token = token(server, prod.vaultId());
        String jwt = token[1];
        String[] parts = jwt.split("\\.");
        String header = new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8);
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String kid = header.replaceAll(".*\"kid\":\"([^\"]+)\".*", "$1");

        EllipticCurveJsonWebKey attacker = EcJwkGenerator.generateJwk(EllipticCurves.P256);
        JsonWebSignature forged = new JsonWebSignature();
        forged.setPayload(payload);
        forged.setAlgorithmHeaderValue(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
        forged.setKeyIdHeaderValue(kid);
        forged.setKey(attacker.getPrivateKey());
        JsonWebSignature unknownKid = new JsonWebSignature();
        unknownKid.setPayload(payload);
        unknownKid.setAlgorithmHeaderValue(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
        unknownKid.setKeyIdHeaderValue("no-such-key");
        unknownKid.setKey(attacker.getPrivateKey());
        JsonWebSignature hmac = new JsonWebSignature();
        hmac.setPayload(payload);
        hmac.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
        hmac.setKeyIdHeaderValue(kid);
        hmac.setKey(new HmacKey(new byte[32]));
        String none = b64("{\"alg\":\"none\",\"kid\":\"" + kid + "\"}") + "." + parts[1] + ".";
        String widened = parts[0] + "." + b64(payload.replace("\"acl\":[\"read\",\"write\"]", "\"acl\":[\"read\",\"write\",\"admin\"]"))
                + "." + parts[2];
        String flippedSignature = parts[0] + "." + parts[1] + "." + (parts[2].charAt(0) == 'A' ? 'B' : 'A') + parts[2].substring(1);

        for (String bad : List.of(forged.getCompactSerialization(), unknownKid.getCompactSerialization(),
                hmac.getCompactSerialization(), none, widened, flippedSignature, jwt.substring(0, jwt.length() - 5),
                parts[0] + "." + parts[1], "not a jwt", "a.b.c", "..", "%%%.%%%.%%%", jwt + "." + parts[2],
                b64("[]") + "." + b64("{\"jti\": 5}") + ".x", "x".repeat(5000), jwt + "x".repeat(5000))) {
            introspect(bad).statusCode(200).body("active", equalTo(false)).body("", aMapWithSize(1));
        }
        introspect(jwt).statusCode(200).body("active", equalTo(true));
    }

    @Test
    void badRequestsAreClearProblems() {
        given().contentType(ContentType.URLENC).formParam("vault", "x").post("/v1/tokens/introspect").then()
                .statusCode(400).body("type", containsString("missing-token"));
        given().contentType(ContentType.URLENC).formParam("token", "a.b.c").formParam("vault", "v")
                .formParam("permission", "admin").post("/v1/tokens/introspect").then()
                .statusCode(400).body("type", containsString("invalid-permission"));
        given().contentType(ContentType.URLENC).formParam("token", "a.b.c").formParam("permission", "read")
                .post("/v1/tokens/introspect").then().statusCode(400);
        given().contentType(ContentType.JSON).body("{\"token\": ").post("/v1/tokens/introspect").then().statusCode(400);
        given().contentType(ContentType.URLENC).header("Authorization", "Basic !!!").formParam("token", "a.b.c")
                .post("/v1/tokens/introspect").then().statusCode(401).header("WWW-Authenticate", notNullValue());
        given().contentType(ContentType.URLENC).header("Authorization", "Basic " + b64("nocolon"))
                .formParam("token", "a.b.c").post("/v1/tokens/introspect").then().statusCode(401);
        given().contentType(ContentType.URLENC).formParam("token", "x".repeat(70_000))
                .post("/v1/tokens/introspect").then().statusCode(413);
    }

    private static io.restassured.response.ValidatableResponse check(String jwt, String vault, String permission) {
        var request = given().contentType(ContentType.URLENC).formParam("token", jwt).formParam("vault", vault);
        if (permission != null) {
            request.formParam("permission", permission);
        }
        return request.post("/v1/tokens/introspect").then().statusCode(200);
    }

    private static String b64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}

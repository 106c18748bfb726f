package dev.connectplane.token;

import static dev.connectplane.token.TokenTestSupport.introspect;
import static dev.connectplane.token.TokenTestSupport.knownServer;
import static dev.connectplane.token.TokenTestSupport.token;
import static dev.connectplane.token.TokenTestSupport.vault;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.connectplane.contracts.Topics;
import dev.connectplane.contracts.common.VaultRef;
import dev.connectplane.contracts.envelope.EventCodec;
import dev.connectplane.testing.ConnectInfraResource;
import dev.connectplane.testing.TestIdentities;
import dev.connectplane.testing.TopicProbe;
import dev.connectplane.token.TokenTestSupport.TestServer;
import dev.connectplane.token.keys.KeyEncryption;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jws.JsonWebSignature;
import org.junit.jupiter.api.Test;

/** The JWKS, key rotation and retirement, and keys at rest. */
@QuarkusTest
@QuarkusTestResource(ConnectInfraResource.class)
class SigningKeysTest {

    @Inject
    Pool pool;

    @Inject
    KeyEncryption encryption;

    @Test
    void tokensVerifyAgainstThePublishedJwks() throws Exception {
        VaultRef prod = vault("Prod");
        TestServer server = knownServer(pool, prod);
        String jwt = token(server, prod.vaultId())[1];
        String jwks = given().get("/.well-known/jwks.json").then().statusCode(200)
                .body("keys.kty", hasItem("EC")).body("keys.d", not(hasItem(notNullValue())))
                .extract().asString();

        JsonWebSignature jws = new JsonWebSignature();
        jws.setCompactSerialization(jwt);
        assertThat(jws.getAlgorithmHeaderValue()).isEqualTo("ES256");
        jws.setKey(new JsonWebKeySet(jwks).findJsonWebKey(jws.getKeyIdHeaderValue(), "EC", "sig", "ES256").getKey());
        assertThat(jws.verifySignature()).isTrue();
        String claims = jws.getPayload();
        assertThat(claims).contains("\"aud\":\"" + server.id() + "\"", "\"iss\":\"connect-control-plane\"", "\"jti\"",
                "\"iat\"", "\"vaults\":[{\"id\":\"" + prod.vaultId() + "\",\"acl\":[\"read\",\"write\"]}]");
    }

    @Test
    void rotationKeepsOldTokensUntilTheirKeyIsRetired() {
        VaultRef prod = vault("Prod");
        TestServer server = knownServer(pool, prod);
        String[] beforeToken = token(server, prod.vaultId());
        String before = beforeToken[1];
        String oldKid = kidOf(before);
        TopicProbe tokenEvents = TopicProbe.onTopic(Topics.TOKEN_EVENTS);
        TopicProbe accessChanges = TopicProbe.onTopic(Topics.ACCESS_CHANGES);

        String newKid = given().post("/v1/signing-keys/rotate").then().statusCode(200).body("state", equalTo("active"))
                .extract().path("kid");
        JsonNode rotated = event(tokenEvents, newKid, "connect.signing-key.rotated.v1");
        assertThat(rotated.at("/data/previous_key_id").asText()).isEqualTo(oldKid);
        assertThat(rotated.path("actorid").asText()).isEqualTo(TestIdentities.MANAGER_USER);
        String after = token(server, prod.vaultId())[1];
        assertThat(kidOf(after)).isEqualTo(newKid).isNotEqualTo(oldKid);
        introspect(before).body("active", equalTo(true));
        introspect(after).body("active", equalTo(true));
        given().get("/.well-known/jwks.json").then().body("keys.kid", hasItems(oldKid, newKid));

        given().post("/v1/signing-keys/{kid}/retire", newKid).then().statusCode(409).body("type", containsString("active-key"));
        given().post("/v1/signing-keys/{kid}/retire", "no-such-key").then().statusCode(404);
        given().post("/v1/signing-keys/{kid}/retire", oldKid).then().statusCode(200).body("state", equalTo("retired"));

        introspect(before).body("active", equalTo(false));
        introspect(after).body("active", equalTo(true));
        long revokedWithTheKey = TokenTestSupport.count(pool, "select count(*) from token_service.token "
                + "where key_id = $1 and revoke_reason = 'SIGNING_KEY_RETIRED'", oldKid);
        JsonNode retired = event(tokenEvents, oldKid, "connect.signing-key.retired.v1");
        assertThat(retired.at("/data/tokens_inactive").asLong()).isEqualTo(revokedWithTheKey).isPositive();
        assertThat(retired.path("actorid").asText()).isEqualTo(TestIdentities.MANAGER_USER);
        JsonNode change = accessChanges.awaitRecords(r -> r.value().contains(beforeToken[0]) && r.value().contains("token_revoked"),
                1, Duration.ofSeconds(20)).stream().map(r -> EventCodec.readTree(r.value())).findFirst().orElseThrow();
        assertThat(change.at("/data/reason").asText()).isEqualTo("signing_key_retired");
        given().get("/v1/servers/" + server.id() + "/tokens").then().statusCode(200)
                .body("find { it.id == '" + beforeToken[0] + "' }.state", equalTo("revoked"));
        tokenEvents.close();
        accessChanges.close();
        given().get("/.well-known/jwks.json").then().body("keys.kid", not(hasItem(oldKid)));
        String listed = given().get("/v1/signing-keys").then().statusCode(200)
                .body("find { it.kid == '" + oldKid + "' }.state", equalTo("retired"))
                .extract().asString();
        assertThat(listed).doesNotContain("private", "\"d\"", "encrypted");
    }

    @Test
    void privateKeysAreStoredEncrypted() throws Exception {
        var rows = pool.query("select kid, public_jwk, encrypted_private from token_service.signing_key").execute()
                .await().atMost(Duration.ofSeconds(10));
        assertThat(rows.size()).isPositive();
        for (var row : rows) {
            String kid = row.getString("kid");
            byte[] stored = row.getBuffer("encrypted_private").getBytes();
            assertThat(row.getString("public_jwk")).doesNotContain("\"d\"");
            assertThatThrownBy(() -> KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(stored)))
                    .isInstanceOf(InvalidKeySpecException.class);
            assertThat(KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(encryption.decrypt(stored, kid))))
                    .isNotNull();
        }
    }

    private static JsonNode event(TopicProbe probe, String key, String type) {
        return probe.awaitRecords(r -> key.equals(r.key()) && r.value().contains(type), 1, Duration.ofSeconds(20))
                .stream().map(r -> EventCodec.readTree(r.value())).findFirst().orElseThrow();
    }

    @Test
    void onlyManagersRotateAndRetire() {
        String outsider = TestIdentities.bearer("olly", "Contractors");
        given().header("Authorization", outsider).post("/v1/signing-keys/rotate").then().statusCode(403);
        given().header("Authorization", outsider).post("/v1/signing-keys/{kid}/retire", "any").then().statusCode(403);
    }

    private static String kidOf(String jwt) {
        String header = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[0]), StandardCharsets.UTF_8);
        return header.replaceAll(".*\"kid\":\"([^\"]+)\".*", "$1");
    }
}

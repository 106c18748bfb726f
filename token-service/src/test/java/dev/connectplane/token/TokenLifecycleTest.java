package dev.connectplane.token;

import static dev.connectplane.token.TokenTestSupport.announceServer;
import static dev.connectplane.token.TokenTestSupport.count;
import static dev.connectplane.token.TokenTestSupport.createToken;
import static dev.connectplane.token.TokenTestSupport.grant;
import static dev.connectplane.token.TokenTestSupport.knownServer;
import static dev.connectplane.token.TokenTestSupport.unique;
import static dev.connectplane.token.TokenTestSupport.vault;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import dev.connectplane.contracts.Topics;
import dev.connectplane.contracts.changes.AccessChangeKind;
import dev.connectplane.contracts.changes.AccessChanged;
import dev.connectplane.contracts.common.Permission;
import dev.connectplane.contracts.common.VaultRef;
import dev.connectplane.contracts.common.VaultScope;
import dev.connectplane.contracts.envelope.EventCodec;
import dev.connectplane.contracts.envelope.EventEnvelope;
import dev.connectplane.contracts.envelope.EventPayload;
import dev.connectplane.contracts.token.TokenIssued;
import dev.connectplane.foundation.secrets.SecretHashes;
import dev.connectplane.testing.ConnectInfraResource;
import dev.connectplane.testing.Pages;
import dev.connectplane.testing.TopicProbe;
import dev.connectplane.token.TokenTestSupport.TestServer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Creating, listing, renaming and deleting tokens, through the real broker and database. */
@QuarkusTest
@QuarkusTestResource(ConnectInfraResource.class)
class TokenLifecycleTest {

    @Inject
    Pool pool;

    @Test
    void createGivesReadWriteAndDefaultScopesAndStoresOnlyTheHash() {
        VaultRef prod = vault("Prod");
        VaultRef dev = vault("Dev");
        VaultRef ci = vault("CI");
        TestServer server = knownServer(pool, prod, dev, ci);

        var created = createToken("deploy", server.name(), List.of(prod.vaultName() + ",r", dev.vaultId() + ",w", ci.vaultName()),
                "1w2d")
                .statusCode(201)
                .header("Location", containsString("/v1/servers/" + server.id() + "/tokens/"))
                .body("name", equalTo("deploy"))
                .body("integration_id", equalTo(server.id()))
                .body("state", equalTo("active"))
                .body("vaults", hasSize(3))
                .body("vaults.find { it.id == '" + prod.vaultId() + "' }.acl", equalTo(List.of("read")))
                .body("vaults.find { it.id == '" + dev.vaultId() + "' }.acl", equalTo(List.of("write")))
                .body("vaults.find { it.id == '" + ci.vaultId() + "' }.acl", equalTo(List.of("read", "write")))
                .body("token", notNullValue())
                .extract();
        String id = created.path("id");
        String jwt = created.path("token");
        OffsetDateTime createdAt = OffsetDateTime.parse(created.path("created_at"));
        OffsetDateTime expiresAt = OffsetDateTime.parse(created.path("expires_at"));
        assertThat(Duration.between(createdAt, expiresAt)).isEqualTo(Duration.ofDays(9));

        assertThat(count(pool, "select count(*) from token_service.token where id = $1 and secret_hash = $2", id,
                SecretHashes.sha256Hex(jwt))).isEqualTo(1);
        assertThat(count(pool, "select count(*) from token_service.token where secret_hash = $1 or secret_tail = $1",
                jwt)).isZero();

        try (TopicProbe tokens = TopicProbe.onTopic(Topics.TOKEN_EVENTS);
             TopicProbe changes = TopicProbe.onTopic(Topics.ACCESS_CHANGES)) {
            EventEnvelope<EventPayload> issued = EventCodec.decode(tokens.awaitRecords(r -> r.value().contains(id), 1,
                    Duration.ofSeconds(20)).get(0).value());
            assertThat(issued.partitionkey()).isEqualTo(server.id());
            TokenIssued payload = (TokenIssued) issued.data();
            assertThat(payload.vaults()).contains(new VaultScope(prod.vaultId(), prod.vaultName(), List.of(Permission.READ)));
            assertThat(payload.expiresAt()).isEqualTo(expiresAt);
            var change = changes.awaitRecords(r -> r.value().contains(id), 1, Duration.ofSeconds(20)).get(0);
            assertThat(change.key()).isEqualTo(server.id());
            assertThat(((AccessChanged) EventCodec.decode(change.value()).data()).change()).isEqualTo(AccessChangeKind.TOKEN_ISSUED);
            assertThat(tokens.recordsAfter(r -> r.value().contains(jwt), Duration.ZERO)).isEmpty();
            assertThat(changes.recordsAfter(r -> r.value().contains(jwt), Duration.ZERO)).isEmpty();
        }
    }

    @Test
    void aVaultTheServerLacksIsRefusedByNameAndNothingIsCreated() {
        VaultRef prod = vault("Prod");
        TestServer server = knownServer(pool, prod);
        String name = unique("refused");

        createToken(name, server.id(), List.of(prod.vaultName(), "Payroll", "Secrets,r"), null)
                .statusCode(422)
                .contentType("application/problem+json")
                .body("type", containsString("vault-not-granted"))
                .body("detail", containsString("Payroll"))
                .body("vaults", equalTo(List.of("Payroll", "Secrets")));

        assertThat(count(pool, "select count(*) from token_service.token where name = $1", name)).isZero();
    }

    @Test
    void tokenCreateRightAfterServerCreateAndGrantSucceeds() {
        for (int round = 0; round < 3; round++) {
            VaultRef prod = vault("Prod");
            TestServer server = announceServer(prod);
            createToken(unique("fresh"), server.id(), List.of(prod.vaultName() + ",r"), null).statusCode(201);

            VaultRef later = vault("Later");
            grant(server.id(), later);
            createToken(unique("after-grant"), server.id(), List.of(later.vaultId()), null).statusCode(201);
        }
    }

    @Test
    void unknownServerIs404AndBadInputIs400() {
        createToken("x", "no such server", List.of("Prod"), null).statusCode(404)
                .body("type", containsString("server-not-found"));
        VaultRef prod = vault("Prod");
        TestServer server = knownServer(pool, prod);
        createToken("", server.id(), List.of(prod.vaultId()), null).statusCode(400);
        createToken("x", server.id(), List.of(), null).statusCode(400).body("type", containsString("missing-vaults"));
        createToken("x", server.id(), List.of(prod.vaultId(), prod.vaultId() + ",r"), null).statusCode(400)
                .body("type", containsString("duplicate-vault"));
        createToken("x", server.id(), List.of(prod.vaultId(), prod.vaultName()), null).statusCode(400)
                .body("type", containsString("duplicate-vault"));
        for (String expiry : List.of("0s", "-5m", "10x", "99999999999999w", "5y", "m5", "1d1w")) {
            createToken("x", server.id(), List.of(prod.vaultId()), expiry).statusCode(400)
                    .body("type", containsString("invalid-expiry"))
                    .body("detail", containsString("e.g. 90m"));
        }
        given().contentType(ContentType.JSON).body("{\"name\": \"x\", \"server\": \"" + server.id() + "\", \"vaults\": \"Prod\"")
                .post("/v1/tokens").then().statusCode(400);
        given().contentType(ContentType.JSON).body(Map.of("name", "x", "server", server.id(), "vaults", List.of("a"), "colour", "red"))
                .post("/v1/tokens").then().statusCode(400).body("detail", containsString("colour"));
        assertThat(count(pool, "select count(*) from token_service.token where server_id = $1", server.id())).isZero();
    }

    @Test
    void ambiguousVaultNameIs409ListingTheIds() {
        String shared = unique("Twin");
        VaultRef first = new VaultRef(dev.connectplane.foundation.ids.IdGenerator.newId(), shared);
        VaultRef second = new VaultRef(dev.connectplane.foundation.ids.IdGenerator.newId(), shared);
        TestServer server = knownServer(pool, first, second);
        createToken("x", server.id(), List.of(shared), null).statusCode(409)
                .body("matches", hasItems(first.vaultId(), second.vaultId()));
        createToken("x", server.id(), List.of(first.vaultId()), null).statusCode(201);
    }

    @Test
    void listGetRenameAndDeleteByIdOrName() {
        VaultRef prod = vault("Prod");
        TestServer server = knownServer(pool, prod);
        String tokenName = unique("ci");
        String id = createToken(tokenName, server.id(), List.of(prod.vaultName()), null).statusCode(201).extract().path("id");
        String expiring = createToken(unique("short"), server.id(), List.of(prod.vaultName()), "1s").statusCode(201)
                .extract().path("id");

        given().get("/v1/servers/{s}/tokens/{t}", server.name(), tokenName.toUpperCase()).then().statusCode(200)
                .body("id", equalTo(id)).body("last_characters", notNullValue()).body("token", nullValue());
        given().get("/v1/servers/{s}/tokens/{t}", server.id(), "nope").then().statusCode(404)
                .body("type", containsString("token-not-found"));

        String renamed = unique("renamed");
        given().contentType(ContentType.JSON).body(Map.of("name", renamed))
                .patch("/v1/servers/{s}/tokens/{t}", server.id(), id).then().statusCode(200).body("name", equalTo(renamed));

        given().delete("/v1/servers/{s}/tokens/{t}", server.id(), renamed).then().statusCode(204);
        given().delete("/v1/servers/{s}/tokens/{t}", server.id(), id).then().statusCode(409)
                .body("type", containsString("token-revoked"));
        given().contentType(ContentType.JSON).body(Map.of("name", "again"))
                .patch("/v1/servers/{s}/tokens/{t}", server.id(), id).then().statusCode(409);

        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() ->
                "expired".equals(given().get("/v1/servers/{s}/tokens/{t}", server.id(), expiring).then().extract().path("state")));
        given().get("/v1/servers/{s}/tokens", server.id()).then().statusCode(200)
                .body("", hasSize(2))
                .body("find { it.id == '" + id + "' }.state", equalTo("revoked"))
                .body("find { it.id == '" + id + "' }.revoke_reason", equalTo("deleted"))
                .body("find { it.id == '" + id + "' }.revoked_at", notNullValue())
                .body("find { it.id == '" + expiring + "' }.state", equalTo("expired"))
                .body("integration_id", equalTo(List.of(server.id(), server.id())));
        given().queryParam("server", server.name()).get("/v1/tokens").then().statusCode(200).body("", hasSize(2));
        assertThat(Pages.<String>field("/v1/tokens", "id")).contains(id, expiring);
    }

    @Test
    void aTokenNameIsLookedUpWithinItsServerAndAmbiguityListsIds() {
        VaultRef prod = vault("Prod");
        TestServer server = knownServer(pool, prod);
        TestServer other = knownServer(pool, vault("Other"));
        String name = unique("dup");
        String first = createToken(name, server.id(), List.of(prod.vaultId()), null).statusCode(201).extract().path("id");
        String second = createToken(name, server.id(), List.of(prod.vaultId()), null).statusCode(201).extract().path("id");

        given().get("/v1/servers/{s}/tokens/{t}", server.id(), name).then().statusCode(409)
                .body("matches", hasItems(first, second));
        given().get("/v1/servers/{s}/tokens/{t}", other.id(), first).then().statusCode(404);
        given().delete("/v1/servers/{s}/tokens/{t}", other.id(), first).then().statusCode(404);

        given().delete("/v1/servers/{s}/tokens/{t}", server.id(), first).then().statusCode(204);
        given().get("/v1/servers/{s}/tokens/{t}", server.id(), name).then().statusCode(200).body("id", equalTo(second));
    }
}

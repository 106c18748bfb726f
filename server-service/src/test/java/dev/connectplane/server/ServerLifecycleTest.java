package dev.connectplane.server;

import static dev.connectplane.server.TestSupport.count;
import static dev.connectplane.server.TestSupport.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.emptyIterable;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import dev.connectplane.contracts.Topics;
import dev.connectplane.contracts.access.VaultType;
import dev.connectplane.contracts.envelope.EventCodec;
import dev.connectplane.contracts.envelope.EventEnvelope;
import dev.connectplane.contracts.envelope.EventPayload;
import dev.connectplane.contracts.server.ServerCreated;
import dev.connectplane.contracts.server.ServerDeleted;
import dev.connectplane.contracts.server.ServerRenamed;
import dev.connectplane.server.service.Credentials;
import dev.connectplane.testing.ConnectInfraResource;
import dev.connectplane.testing.Pages;
import dev.connectplane.testing.TestIdentities;
import dev.connectplane.testing.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Create, get, list, rename and delete against the real database and broker, with the events each publishes. */
@QuarkusTest
@QuarkusTestResource(ConnectInfraResource.class)
class ServerLifecycleTest {

    @Inject
    Pool pool;

    @Test
    void serverLivesAndDiesWithItsEventsInOrderKeyedByServerId() {
        String vaultName = unique("Kubernetes");
        String vaultId = TestSupport.registerVault(pool, vaultName, VaultType.USER_CREATED);
        String name = unique("Dev k8s");

        JsonPath created = given().contentType(ContentType.JSON)
                .body(Map.of("name", name, "vaults", List.of(vaultName)))
                .post("/v1/servers")
                .then().statusCode(201)
                .header("Location", notNullValue())
                .body("server.name", equalTo(name))
                .body("server.state", equalTo("ACTIVE"))
                .body("server.creator_id", equalTo(TestIdentities.MANAGER_USER))
                .body("server.tokens_version", equalTo(1))
                .body("server.vaults[0].id", equalTo(vaultId))
                .body("credentials.version", equalTo("1"))
                .extract().jsonPath();
        String id = created.getString("server.id");
        assertThat(id).matches("^[0-9a-z]{26}$");
        assertThat(created.getString("credentials.server_id")).isEqualTo(id);

        given().get("/v1/servers/" + id).then().statusCode(200).body("name", equalTo(name));
        given().get("/v1/servers/" + name.toUpperCase()).then().statusCode(200).body("id", equalTo(id));
        assertThat(Pages.<String>field("/v1/servers", "id")).contains(id);

        String newName = unique("Dev cluster");
        given().contentType(ContentType.JSON).body(Map.of("name", newName))
                .patch("/v1/servers/" + id).then().statusCode(200).body("name", equalTo(newName));
        given().delete("/v1/servers/" + newName).then().statusCode(204);

        given().get("/v1/servers/" + id).then().statusCode(404)
                .contentType("application/problem+json").body("status", equalTo(404));
        assertThat(Pages.<String>field("/v1/servers", "id")).doesNotContain(id);
        given().delete("/v1/servers/" + id).then().statusCode(404);

        try (TopicProbe probe = TopicProbe.onTopic(Topics.SERVER_EVENTS)) {
            List<ConsumerRecord<String, String>> records =
                    probe.awaitRecords(r -> id.equals(r.key()), 3, Duration.ofSeconds(20));
            List<EventPayload> events = records.stream().map(r -> EventCodec.decode(r.value()).data()).toList();
            assertThat(events).hasSize(3);
            ServerCreated createdEvent = (ServerCreated) events.get(0);
            assertThat(createdEvent.name()).isEqualTo(name);
            assertThat(createdEvent.requestedVaults()).singleElement()
                    .satisfies(v -> assertThat(v.vaultId()).isEqualTo(vaultId));
            assertThat(events.get(1)).isEqualTo(new ServerRenamed(id, name, newName));
            assertThat(events.get(2)).isInstanceOfSatisfying(ServerDeleted.class,
                    d -> assertThat(d.name()).isEqualTo(newName));
            EventEnvelope<EventPayload> envelope = EventCodec.decode(records.get(0).value());
            assertThat(envelope.subject()).isEqualTo(id);
            assertThat(envelope.source()).isEqualTo("/connect/server-service");
            assertThat(envelope.actorid()).isEqualTo(TestIdentities.MANAGER_USER);
            assertThat(envelope.actorgroups()).isEqualTo(TestIdentities.MANAGERS_GROUP);
            assertThat(new String(records.get(0).headers().lastHeader("content-type").value()))
                    .startsWith("application/cloudevents+json");
        }
    }

    @Test
    void credentialSecretIsReturnedOnceAndKeptOnlyAsItsHash() {
        JsonPath created = given().contentType(ContentType.JSON).body(Map.of("name", unique("Secretive")))
                .post("/v1/servers").then().statusCode(201).extract().jsonPath();
        String id = created.getString("server.id");
        String secret = created.getString("credentials.secret");
        assertThat(secret).hasSize(43);

        assertThat(TestSupport.text(pool, "select credential_hash from server_service.server where id = $1", id))
                .isEqualTo(Credentials.hash(secret));
        assertThat(count(pool, "select count(*) from server_service.server where id = $1 and "
                + "(name like '%' || $2 || '%' or credential_hash = $2)", id, secret)).isZero();
        assertThat(count(pool, "select count(*) from server_service.outbox_event where payload like '%' || $1 || '%'",
                secret)).isZero();
        given().get("/v1/servers/" + id).then().statusCode(200)
                .body(not(org.hamcrest.Matchers.containsString(secret)));
        assertThat(Pages.all("/v1/servers").toString()).doesNotContain(secret);
    }

    @Test
    void deletedServerFreesItsNameButNeverItsId() {
        String name = unique("Reused");
        String first = given().contentType(ContentType.JSON).body(Map.of("name", name))
                .post("/v1/servers").then().statusCode(201).extract().path("server.id");
        given().delete("/v1/servers/" + first).then().statusCode(204);

        String second = given().contentType(ContentType.JSON).body(Map.of("name", name))
                .post("/v1/servers").then().statusCode(201).extract().path("server.id");

        assertThat(second).isNotEqualTo(first);
        assertThat(count(pool, "select count(*) from server_service.server where id = $1 and state = 'DELETED'", first))
                .isEqualTo(1);
        given().get("/v1/servers/" + name).then().statusCode(200).body("id", equalTo(second));
    }

    @Test
    void serverShowsTheVaultsAccessServiceGrantsAndRevokes() {
        String vaultName = unique("Vendors");
        String vaultId = TestSupport.registerVault(pool, vaultName, VaultType.USER_CREATED);
        String id = given().contentType(ContentType.JSON).body(Map.of("name", unique("Granted")))
                .post("/v1/servers").then().statusCode(201).extract().path("server.id");
        given().get("/v1/servers/" + id).then().body("vaults", emptyIterable());

        TestSupport.grantVault(id, vaultId, vaultName);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().get("/v1/servers/" + id).then().body("vaults.name", equalTo(List.of(vaultName))));

        TestSupport.revokeVault(id, vaultId, vaultName);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().get("/v1/servers/" + id).then().body("vaults", emptyIterable()));
    }

    @Test
    void theProjectedVaultDirectoryIsListed() {
        String name = unique("Listed");
        String id = TestSupport.registerVault(pool, name, VaultType.PERSONAL);

        given().get("/v1/vault-directory").then().statusCode(200)
                .body("find { it.id == '" + id + "' }.name", equalTo(name))
                .body("find { it.id == '" + id + "' }.type", equalTo("personal"));
    }

    @Test
    void renamingToItsOwnNamePublishesNothing() {
        String name = unique("Stable");
        String id = given().contentType(ContentType.JSON).body(Map.of("name", name))
                .post("/v1/servers").then().statusCode(201).extract().path("server.id");

        given().contentType(ContentType.JSON).body(Map.of("name", name))
                .patch("/v1/servers/" + id).then().statusCode(200).body("name", equalTo(name));

        assertThat(count(pool, "select count(*) from server_service.outbox_event where record_key = $1", id))
                .isEqualTo(1);
    }
}

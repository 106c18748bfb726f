package dev.connectplane.access;

import static dev.connectplane.access.AccessTestSupport.count;
import static dev.connectplane.access.AccessTestSupport.registerGroup;
import static dev.connectplane.access.AccessTestSupport.registerVault;
import static dev.connectplane.access.AccessTestSupport.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.hasItem;

import dev.connectplane.contracts.Topics;
import dev.connectplane.contracts.access.GroupRevoked;
import dev.connectplane.contracts.access.VaultGranted;
import dev.connectplane.contracts.access.VaultRevocationReason;
import dev.connectplane.contracts.access.VaultRevoked;
import dev.connectplane.contracts.common.VaultRef;
import dev.connectplane.contracts.envelope.EventCodec;
import dev.connectplane.contracts.envelope.EventEnvelope;
import dev.connectplane.contracts.envelope.EventPayload;
import dev.connectplane.foundation.ids.IdGenerator;
import dev.connectplane.testing.ConnectInfraResource;
import dev.connectplane.testing.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** access-service reacting to server-service's events, through the real broker and database. */
@QuarkusTest
@QuarkusTestResource(ConnectInfraResource.class)
class ServerEventFlowsTest {

    @Inject
    Pool pool;

    @Test
    void serverCreatedGrantsEachRequestedVaultWithTheCausingActor() {
        VaultRef kubernetes = registerVault(unique("Kubernetes"), "user_created");
        VaultRef customers = registerVault(unique("Customers"), "user_created");
        String serverId = IdGenerator.newId();

        EventEnvelope<EventPayload> created = AccessTestSupport.serverCreated(serverId, unique("Dev"), kubernetes, customers);

        try (TopicProbe probe = TopicProbe.onTopic(Topics.ACCESS_EVENTS)) {
            List<ConsumerRecord<String, String>> records = probe.awaitRecords(r -> serverId.equals(r.key()), 2,
                    Duration.ofSeconds(20));
            List<EventEnvelope<EventPayload>> events = records.stream().map(r -> EventCodec.decode(r.value())).toList();
            assertThat(events).extracting(EventEnvelope::data).containsExactlyInAnyOrder(
                    new VaultGranted(serverId, kubernetes.vaultId(), kubernetes.vaultName()),
                    new VaultGranted(serverId, customers.vaultId(), customers.vaultName()));
            assertThat(events).allSatisfy(e -> {
                assertThat(e.actorid()).isEqualTo("alice");
                assertThat(e.causationid()).isEqualTo(created.causationid());
            });
        }
        given().get("/v1/servers/" + serverId + "/vaults").then().statusCode(200)
                .body("vault_name", containsInAnyOrder(kubernetes.vaultName(), customers.vaultName()));
    }

    @Test
    void aServerCreatedDeliveredTwiceGrantsOnce() {
        VaultRef vault = registerVault(unique("Vendors"), "user_created");
        String serverId = IdGenerator.newId();
        EventEnvelope<EventPayload> created = AccessTestSupport.serverCreated(serverId, unique("Twice"), vault);
        AccessTestSupport.publish(created);
        String marker = AccessTestSupport.knownServer(pool);

        try (TopicProbe probe = TopicProbe.onTopic(Topics.ACCESS_EVENTS)) {
            probe.awaitRecords(r -> serverId.equals(r.key()), 1, Duration.ofSeconds(20));
            assertThat(probe.recordsAfter(r -> serverId.equals(r.key()), Duration.ofSeconds(1))).hasSize(1);
        }
        assertThat(count(pool, "select count(*) from access_service.inbox_processed_event where event_id = $1",
                created.id())).isEqualTo(1);
        assertThat(marker).isNotNull();
    }

    @Test
    void serverDeletedDropsEveryVaultAndGroupGrantWithEvents() {
        VaultRef vault = registerVault(unique("Production"), "user_created");
        String serverId = IdGenerator.newId();
        String name = unique("Doomed");
        AccessTestSupport.serverCreated(serverId, name, vault);
        await().atMost(Duration.ofSeconds(20)).until(() ->
                count(pool, "select count(*) from access_service.vault_grant where server_id = $1", serverId) == 1);
        String group = unique("Ops");
        String groupId = registerGroup(group);
        given().put("/v1/groups/" + groupId + "/grants/servers/" + serverId).then().statusCode(201);

        AccessTestSupport.serverDeleted(serverId, name);

        try (TopicProbe probe = TopicProbe.onTopic(Topics.ACCESS_EVENTS)) {
            List<EventPayload> events = probe.awaitRecords(r -> serverId.equals(r.key())
                                    && (r.value().contains("vault.revoked") || r.value().contains("group.revoked")),
                            2, Duration.ofSeconds(20))
                    .stream().map(r -> EventCodec.decode(r.value()).data()).toList();
            assertThat(events).contains(new VaultRevoked(serverId, vault.vaultId(), vault.vaultName(),
                    VaultRevocationReason.SERVER_DELETED));
            assertThat(events).anySatisfy(e -> assertThat(e).isInstanceOf(GroupRevoked.class));
        }
        assertThat(count(pool, "select count(*) from access_service.vault_grant where server_id = $1", serverId)).isZero();
        assertThat(count(pool, "select count(*) from access_service.group_grant where server_id = $1", serverId)).isZero();
        given().get("/v1/servers/" + serverId + "/vaults").then().statusCode(404);
        given().contentType(io.restassured.http.ContentType.JSON).body(java.util.Map.of("vault", vault.vaultId()))
                .post("/v1/servers/" + serverId + "/vaults").then().statusCode(404);
    }

    @Test
    void anAllServersGrantCoversAServerCreatedAfterwards() {
        String group = unique("Platform");
        String groupId = registerGroup(group);
        given().put("/v1/groups/" + group + "/grants/all-servers").then().statusCode(201);

        String later = AccessTestSupport.knownServer(pool);

        given().get("/v1/servers/" + later + "/managers").then().statusCode(200)
                .body("group_id", hasItem(groupId))
                .body("find { it.group_id == '" + groupId + "' }.scope", org.hamcrest.Matchers.equalTo("all_servers"));
        assertThat(count(pool, "select count(*) from access_service.group_grant where group_id = $1", groupId))
                .as("recorded once, not expanded per server").isEqualTo(1);
    }

    @Test
    void aProtectedVaultInAServerCreatedIsNotGranted() {
        VaultRef personal = registerVault(unique("Personal"), "personal");
        VaultRef usable = registerVault(unique("Usable"), "user_created");
        String serverId = IdGenerator.newId();

        AccessTestSupport.serverCreated(serverId, unique("Sneaky"), personal, usable);

        await().atMost(Duration.ofSeconds(20)).until(() ->
                count(pool, "select count(*) from access_service.vault_grant where server_id = $1", serverId) == 1);
        assertThat(count(pool, "select count(*) from access_service.vault_grant where server_id = $1 and vault_id = $2",
                serverId, personal.vaultId())).isZero();
    }
}

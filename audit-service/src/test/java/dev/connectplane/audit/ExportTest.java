package dev.connectplane.audit;

import static dev.connectplane.audit.AuditTestSupport.awaitChained;
import static dev.connectplane.audit.AuditTestSupport.id;
import static dev.connectplane.audit.AuditTestSupport.publish;
import static dev.connectplane.audit.AuditTestSupport.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.connectplane.contracts.access.GrantScope;
import dev.connectplane.contracts.access.GroupRevoked;
import dev.connectplane.contracts.access.VaultGranted;
import dev.connectplane.contracts.common.Permission;
import dev.connectplane.contracts.common.VaultScope;
import dev.connectplane.contracts.envelope.EventEnvelope;
import dev.connectplane.contracts.envelope.EventPayload;
import dev.connectplane.contracts.server.ServerCreated;
import dev.connectplane.contracts.server.ServerRenamed;
import dev.connectplane.contracts.token.TokenIssued;
import dev.connectplane.foundation.outbox.OutboxWriter;
import dev.connectplane.testing.ConnectInfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The three export formats over HTTP, with the fields each one requires. */
@QuarkusTest
@QuarkusTestResource(ConnectInfraResource.class)
class ExportTest {

    /** {@code %test.connect.audit.page-size} in application.properties. */
    private static final int PAGE_SIZE = 50;

    @Inject
    Pool pool;

    @Test
    void exportsStreamEveryMatchingRecordInEachFormat() {
        String serverId = id();
        String vaultId = id();
        String name = unique("Export | k8s = prod");
        EventEnvelope<EventPayload> created = publish(new ServerCreated(serverId, name, "alice", OutboxWriter.now(), List.of()));
        awaitChained(pool, created.id());
        EventEnvelope<EventPayload> granted = publish(new VaultGranted(serverId, vaultId, "Kubernetes"));
        awaitChained(pool, granted.id());
        EventEnvelope<EventPayload> issued = publish(new TokenIssued(id(), serverId, "deploy\nline",
                List.of(new VaultScope(vaultId, "Kubernetes", List.of(Permission.READ))), OutboxWriter.now(), null, "kid"));
        awaitChained(pool, issued.id());
        String groupId = id();
        EventEnvelope<EventPayload> groupRevoked = publish(new GroupRevoked(groupId, "Ops", GrantScope.MANAGERS, null));
        awaitChained(pool, groupRevoked.id());

        var ocsf = given().queryParam("server", serverId).get("/v1/audit/export/ocsf").then().statusCode(200)
                .contentType("application/x-ndjson").extract().asString().lines().map(JsonObject::new).toList();
        assertThat(ocsf).hasSize(3);
        assertThat(ocsf).allSatisfy(event -> {
            assertThat(event.getInteger("type_uid")).isEqualTo(event.getInteger("class_uid") * 100 + event.getInteger("activity_id"));
            assertThat(event.getInteger("category_uid")).isEqualTo(3);
            assertThat(event.getInteger("severity_id")).isNotNull();
            assertThat(event.getLong("time")).isPositive();
            assertThat(event.getString("status")).isEqualTo("Success");
            assertThat(event.getJsonObject("actor").getJsonObject("user").getString("uid")).isEqualTo("alice");
            JsonObject metadata = event.getJsonObject("metadata");
            assertThat(metadata.getJsonObject("product").getString("name")).isEqualTo("Connect Control Plane");
            assertThat(metadata.getString("version")).isNotBlank();
            assertThat(metadata.getString("uid")).isNotBlank();
        });
        assertThat(ocsf.get(0).getInteger("class_uid")).isEqualTo(3004);
        assertThat(ocsf.get(0).getInteger("activity_id")).isEqualTo(1);
        assertThat(ocsf.get(0).getJsonObject("entity").getString("uid")).isEqualTo(serverId);
        assertThat(ocsf.get(1).getInteger("class_uid")).isEqualTo(3005);
        assertThat(ocsf.get(1).getJsonObject("user").getString("uid")).isEqualTo(serverId);
        assertThat(ocsf.get(1).getJsonObject("resource").getString("uid")).isEqualTo(vaultId);
        assertThat(ocsf.get(2).getInteger("class_uid")).isEqualTo(3004);
        assertThat(ocsf.get(2).getJsonObject("entity").getString("name")).isEqualTo("deploy\nline");

        var group = given().queryParam("group", groupId).get("/v1/audit/export/ocsf").then().statusCode(200)
                .extract().asString().lines().map(JsonObject::new).toList();
        assertThat(group).singleElement().satisfies(event -> {
            assertThat(event.getInteger("type_uid")).isEqualTo(300602);
            assertThat(event.getJsonObject("group").getString("uid")).isEqualTo(groupId);
        });

        var ecs = given().queryParam("server", serverId).get("/v1/audit/export/ecs").then().statusCode(200)
                .extract().asString().lines().map(JsonObject::new).toList();
        assertThat(ecs).hasSize(3).allSatisfy(doc -> {
            assertThat(doc.getString("@timestamp")).isNotBlank();
            JsonObject event = doc.getJsonObject("event");
            assertThat(event.getString("kind")).isEqualTo("event");
            assertThat(event.getJsonArray("category")).isNotEmpty();
            assertThat(event.getJsonArray("type")).isNotEmpty();
            assertThat(event.getString("action")).isNotBlank();
            assertThat(event.getString("outcome")).isEqualTo("success");
            assertThat(event.getString("id")).isNotBlank();
            assertThat(doc.getJsonObject("user").getString("name")).isEqualTo("alice");
            assertThat(doc.getJsonObject("connect").getJsonObject("server").getString("id")).isEqualTo(serverId);
            assertThat(doc.getJsonObject("ecs").getString("version")).isEqualTo("8.17.0");
        });
        assertThat(ecs.get(0).getJsonObject("event").getJsonArray("type")).containsExactly("creation");

        List<String> cef = given().queryParam("server", serverId).get("/v1/audit/export/cef").then().statusCode(200)
                .contentType(org.hamcrest.Matchers.startsWith("text/plain")).extract().asString().lines().toList();
        assertThat(cef).hasSize(3).allSatisfy(line -> assertThat(line).startsWith("CEF:0|Connect Control Plane|"));
        assertThat(cef.get(0)).contains("server.create").contains("Export \\| k8s = prod")
                .contains("cs2=" + name.replace("=", "\\="));
        assertThat(cef.get(2)).contains("deploy line").doesNotContain("deploy\nline");

        given().queryParam("from", "nope").get("/v1/audit/export/cef").then().statusCode(400);
        given().queryParam("server", id()).get("/v1/audit/export/ecs").then().statusCode(200).body(org.hamcrest.Matchers.emptyString());
    }

    /**
     * The test profile reads pages of {@value #PAGE_SIZE} rows ({@code %test.connect.audit.page-size}),
     * so that these records span several pages, the last one full: each read while the one
     * before is written.
     */
    @Test
    void anExportOfManyPagesHasEveryRecordOnceInChainOrder() {
        String serverId = id();
        List<String> eventIds = new ArrayList<>();
        eventIds.add(publish(new ServerCreated(serverId, unique("pages"), "alice", OutboxWriter.now(), List.of())).id());
        for (int i = 1; i < 3 * PAGE_SIZE; i++) {
            eventIds.add(publish(new ServerRenamed(serverId, "name-" + (i - 1), "name-" + i)).id());
        }
        awaitChained(pool, eventIds.toArray(String[]::new));

        List<String> ocsf = given().queryParam("server", serverId).get("/v1/audit/export/ocsf").then().statusCode(200)
                .extract().asString().lines().map(line -> new JsonObject(line).getJsonObject("metadata").getString("uid"))
                .toList();
        List<String> ecs = given().queryParam("server", serverId).get("/v1/audit/export/ecs").then().statusCode(200)
                .extract().asString().lines().map(line -> new JsonObject(line).getJsonObject("event").getString("id"))
                .toList();
        List<String> cef = given().queryParam("server", serverId).get("/v1/audit/export/cef").then().statusCode(200)
                .extract().asString().lines().toList();

        List<String> chainOrder = eventIdsInChainOrder(serverId);
        assertThat(chainOrder).containsExactlyInAnyOrderElementsOf(eventIds);
        assertThat(ocsf).containsExactlyElementsOf(chainOrder);
        assertThat(ecs).containsExactlyElementsOf(chainOrder);
        assertThat(cef).hasSize(chainOrder.size());
        for (int i = 0; i < cef.size(); i++) {
            assertThat(cef.get(i)).contains(chainOrder.get(i));
        }
    }

    private List<String> eventIdsInChainOrder(String serverId) {
        List<String> ids = new ArrayList<>();
        pool.preparedQuery("select r.event_id from audit_service.audit_record r join audit_service.audit_chain c "
                        + "on c.record_id = r.id where r.server_id = $1 order by c.seq")
                .execute(Tuple.of(serverId)).await().indefinitely()
                .forEach(row -> ids.add(row.getString(0)));
        return ids;
    }
}

package dev.connectplane.access;

import static io.restassured.RestAssured.given;

import dev.connectplane.contracts.Topics;
import dev.connectplane.contracts.common.VaultRef;
import dev.connectplane.contracts.envelope.Actor;
import dev.connectplane.contracts.envelope.EventCodec;
import dev.connectplane.contracts.envelope.EventEnvelope;
import dev.connectplane.contracts.envelope.EventPayload;
import dev.connectplane.contracts.server.ServerCreated;
import dev.connectplane.contracts.server.ServerDeleted;
import dev.connectplane.foundation.ids.IdGenerator;
import dev.connectplane.foundation.outbox.OutboxWriter;
import dev.connectplane.testing.TopicProbe;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Publishing server events as server-service would, registering directory entries, and reading the schema. */
final class AccessTestSupport {

    private AccessTestSupport() {
    }

    static String unique(String prefix) {
        return prefix + " " + UUID.randomUUID().toString().substring(0, 8);
    }

    static EventEnvelope<EventPayload> publishServerEvent(EventPayload payload) {
        EventEnvelope<EventPayload> event = EventEnvelope.of(UUID.randomUUID().toString(), "/connect/server-service",
                OutboxWriter.now(), Actor.user("alice", List.of("DevOps")), "cmd-" + UUID.randomUUID(), payload);
        publish(event);
        return event;
    }

    static void publish(EventEnvelope<?> event) {
        TopicProbe.send(Topics.SERVER_EVENTS, event.partitionkey(), EventCodec.encode(event),
                Map.of("content-type", EventEnvelope.STRUCTURED_CONTENT_TYPE));
    }

    static EventEnvelope<EventPayload> serverCreated(String serverId, String name, VaultRef... vaults) {
        return publishServerEvent(new ServerCreated(serverId, name, "alice", OutboxWriter.now(), List.of(vaults)));
    }

    static void serverDeleted(String serverId, String name) {
        publishServerEvent(new ServerDeleted(serverId, name, OutboxWriter.now()));
    }

    /** A server that access-service knows (its ServerCreated processed), with no vaults. */
    static String knownServer(Pool pool) {
        String id = IdGenerator.newId();
        serverCreated(id, unique("Server"));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() ->
                count(pool, "select count(*) from access_service.known_server where id = $1", id) == 1);
        return id;
    }

    static VaultRef registerVault(String name, String type) {
        String id = given().contentType(ContentType.JSON).body(Map.of("name", name, "type", type))
                .post("/v1/vaults").then().statusCode(201).extract().path("id");
        return new VaultRef(id, name);
    }

    static String registerGroup(String name) {
        return given().contentType(ContentType.JSON).body(Map.of("name", name))
                .post("/v1/groups").then().statusCode(201).extract().path("id");
    }

    static long count(Pool pool, String sql, Object... params) {
        return pool.preparedQuery(sql).execute(Tuple.from(params)).await().atMost(Duration.ofSeconds(10))
                .iterator().next().getLong(0);
    }
}

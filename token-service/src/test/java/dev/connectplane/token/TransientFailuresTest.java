package dev.connectplane.token;

import static dev.connectplane.token.TokenTestSupport.count;
import static dev.connectplane.token.TokenTestSupport.createToken;
import static dev.connectplane.token.TokenTestSupport.deleteServer;
import static dev.connectplane.token.TokenTestSupport.isActive;
import static dev.connectplane.token.TokenTestSupport.knownServer;
import static dev.connectplane.token.TokenTestSupport.token;
import static dev.connectplane.token.TokenTestSupport.unique;
import static dev.connectplane.token.TokenTestSupport.vault;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.connectplane.contracts.Topics;
import dev.connectplane.contracts.common.VaultRef;
import dev.connectplane.contracts.envelope.Actor;
import dev.connectplane.contracts.envelope.EventCodec;
import dev.connectplane.contracts.envelope.EventEnvelope;
import dev.connectplane.contracts.envelope.EventPayload;
import dev.connectplane.contracts.server.ServerCreated;
import dev.connectplane.contracts.server.ServerRenamed;
import dev.connectplane.foundation.ids.IdGenerator;
import dev.connectplane.foundation.operations.Replays;
import dev.connectplane.foundation.outbox.OutboxWriter;
import dev.connectplane.testing.ConnectInfraResource;
import dev.connectplane.testing.TestCommands;
import dev.connectplane.testing.TestEvents;
import dev.connectplane.testing.TestIdentities;
import dev.connectplane.testing.TopicProbe;
import dev.connectplane.token.TokenTestSupport.TestServer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Database failures injected with a trigger that raises a chosen SQLSTATE: a transient one
 * (serialization failure, connection failure) is retried on the same record until it goes
 * through, with readiness DOWN and the stuck gauge up meanwhile, and answered 503 on REST; a
 * permanent one sets the record aside on the dead-letter topic and the consumer goes on.
 */
@QuarkusTest
@QuarkusTestResource(ConnectInfraResource.class)
class TransientFailuresTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    Pool pool;

    @AfterEach
    void removeFaults() {
        execute("drop trigger if exists inject_fault on token_service.known_server");
        execute("drop trigger if exists inject_fault on token_service.token");
        execute("drop trigger if exists inject_fault on token_service.command_log");
        execute("drop function if exists token_service.inject_fault()");
    }

    @Test
    void aServerDeletionThatMeetsATransientFailureWaitsAndIsAppliedOnceTheDatabaseAnswers() {
        VaultRef prod = vault("Prod");
        TestServer server = knownServer(pool, prod);
        String[] first = token(server, prod.vaultName());
        String[] second = token(server, prod.vaultName());
        injectFault("known_server", "update", "40001");

        deleteServer(server);

        await().atMost(WAIT).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(503)
                .body(containsString(Topics.SERVER_EVENTS)).body(containsString("failing for")));
        await().atMost(WAIT).until(() -> stuckSeconds(Topics.SERVER_EVENTS) > 0);
        assertThat(isActive(first[1])).isTrue();

        removeFaults();

        await().atMost(WAIT).until(() -> !isActive(first[1]) && !isActive(second[1]));
        given().get("/v1/servers/{s}/tokens", server.id()).then().statusCode(200)
                .body("revoke_reason", equalTo(List.of("server_deleted", "server_deleted")));
        await().atMost(WAIT).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
        assertThat(stuckSeconds(Topics.SERVER_EVENTS)).isZero();
        assertNothingDeadLettered(server.id());
    }

    @Test
    void aPermanentFailureGoesToTheDeadLetterTopicAndTheNextEventIsApplied() {
        TestServer broken = knownServer(pool);
        TestServer healthy = knownServer(pool);
        injectFault("known_server", "update", "22023", "new.id = '" + broken.id() + "'");

        String renamed = unique("renamed");
        TestEvents.publish(new ServerRenamed(broken.id(), broken.name(), renamed));
        TestEvents.publish(new ServerRenamed(healthy.id(), healthy.name(), renamed));

        await().atMost(WAIT).until(() -> count(pool, "select count(*) from token_service.known_server where id = $1 "
                + "and name = $2", healthy.id(), renamed) == 1);
        ConsumerRecord<String, String> parked;
        try (TopicProbe deadLetters = TopicProbe.onTopic(Topics.deadLetter("token-service"))) {
            parked = deadLetters.awaitRecords(r -> broken.id().equals(r.key()), 1, WAIT).get(0);
            assertThat(parked.headers().lastHeader("dead-letter-reason")).isNotNull();
            assertThat(parked.value()).contains(renamed);
        }
        String position = parked.partition() + ":" + parked.offset();

        // an operator sees it (never its content), fixes the cause and replays it: applied once
        given().get("/v1/operations/dead-letters?limit=1000").then().statusCode(200)
                .body("find { it.position == '" + position + "' }.source_topic", equalTo(Topics.SERVER_EVENTS))
                .body("find { it.position == '" + position + "' }.type", equalTo("connect.server.renamed.v1"))
                .body("find { it.position == '" + position + "' }.reason", notNullValue())
                .body(not(containsString(renamed)));
        removeFaults();
        given().contentType(ContentType.JSON).body(Map.of("positions", List.of(position)))
                .post("/v1/operations/dead-letters/replay").then().statusCode(200)
                .body("replayed[0].position", equalTo(position));
        await().atMost(WAIT).until(() -> count(pool, "select count(*) from token_service.known_server where id = $1 "
                + "and name = $2", broken.id(), renamed) == 1);
        String eventId = EventCodec.decode(parked.value()).id();
        assertThat(count(pool, "select count(*) from token_service.inbox_processed_event where event_id = $1 "
                + "and source_topic = $2", eventId, Topics.SERVER_EVENTS)).isEqualTo(1);

        given().contentType(ContentType.JSON).body(Map.of("positions", List.of("0:999999999")))
                .post("/v1/operations/dead-letters/replay").then().statusCode(422);
        given().contentType(ContentType.JSON).body(Map.of("positions", List.of("nonsense")))
                .post("/v1/operations/dead-letters/replay").then().statusCode(400);
        given().contentType(ContentType.JSON).body(Map.of())
                .post("/v1/operations/dead-letters/replay").then().statusCode(400);
        given().header("Authorization", TestIdentities.bearer("olly", "outsiders"))
                .get("/v1/operations/dead-letters").then().statusCode(403);
    }

    @Test
    void restAnswers503WithRetryAfterWhileTheDatabaseFailsAndChangesNothing() {
        VaultRef prod = vault("Prod");
        TestServer server = knownServer(pool, prod);
        injectFault("token", "insert", "08006");
        String name = unique("unavailable");

        createToken(name, server.id(), List.of(prod.vaultName()), null).statusCode(503)
                .header("Retry-After", notNullValue())
                .contentType("application/problem+json")
                .body("status", equalTo(503));

        removeFaults();
        assertThat(count(pool, "select count(*) from token_service.token where name = $1", name)).isZero();
        createToken(name, server.id(), List.of(prod.vaultName()), null).statusCode(201);
    }

    @Test
    void aCommandThatMeetsATransientFailureIsRetriedAndAcceptedNotRejected() {
        VaultRef prod = vault("Prod");
        TestServer server = knownServer(pool, prod);
        injectFault("command_log", "insert", "40P01");
        String name = unique("retried");
        try (TestCommands commands = new TestCommands()) {
            String commandId = commands.send(Topics.TOKEN_COMMANDS, "token.create",
                    Map.of("name", name, "server", server.id(), "vaults", List.of(prod.vaultName())),
                    TestIdentities.bearer("cmd-admin", TestIdentities.MANAGERS_GROUP));
            await().atMost(WAIT).until(() -> stuckSeconds(Topics.TOKEN_COMMANDS) > 0);

            removeFaults();

            JsonNode reply = commands.awaitReply(commandId);
            assertThat(reply.path("type").asText()).isEqualTo("connect.command.accepted.v1");
            assertThat(count(pool, "select count(*) from token_service.token where name = $1", name)).isEqualTo(1);
        }
    }

    /**
     * Read-your-writes while access-service is away: the server is here, the vault it was created
     * with is not granted yet. The create is answered 503 (try again), not 422, and succeeds once
     * the grant arrives; a vault the server was never created with stays a 422.
     */
    @Test
    void aVaultTheServerWasCreatedWithWhoseGrantIsLateIs503NotRefused() {
        VaultRef late = vault("Late");
        VaultRef other = vault("Other");
        String serverId = IdGenerator.newId();
        TestEvents.publish(new ServerCreated(serverId, unique("Server"), "alice", OutboxWriter.now(), List.of(late)));
        await().atMost(WAIT).until(() -> count(pool, "select count(*) from token_service.requested_vault "
                + "where server_id = $1", serverId) == 1);

        createToken(unique("early"), serverId, List.of(late.vaultName()), null).statusCode(503)
                .header("Retry-After", notNullValue());
        TokenTestSupport.grant(serverId, other);
        await().atMost(WAIT).until(() -> count(pool, "select count(*) from token_service.server_vault "
                + "where server_id = $1", serverId) == 1);
        createToken(unique("never"), serverId, List.of(late.vaultName(), "Nope"), null).statusCode(503);
        createToken(unique("never"), serverId, List.of("Nope"), null).statusCode(422);

        TokenTestSupport.grant(serverId, late);
        await().atMost(WAIT).until(() -> count(pool, "select count(*) from token_service.requested_vault "
                + "where server_id = $1", serverId) == 0);
        createToken(unique("granted"), serverId, List.of(late.vaultName()), null).statusCode(201);
    }

    /** A dead letter another service replays onto a shared topic is not applied here, nor set aside. */
    @Test
    void aReplayMeantForAnotherServiceIsSkipped() {
        TestServer server = knownServer(pool);
        String renamed = unique("not for token-service");
        EventEnvelope<EventPayload> replayed = EventEnvelope.of(UUID.randomUUID().toString(), "/connect/server-service",
                OutboxWriter.now(), Actor.system("server-service"), null,
                new ServerRenamed(server.id(), server.name(), renamed));
        TopicProbe.send(Topics.SERVER_EVENTS, server.id(), EventCodec.encode(replayed),
                Map.of(Replays.FOR_HEADER, "access-service"));
        String sentinel = unique("sentinel");
        TestEvents.publish(new ServerRenamed(server.id(), server.name(), sentinel));

        await().atMost(WAIT).until(() -> count(pool, "select count(*) from token_service.known_server where id = $1 "
                + "and name = $2", server.id(), sentinel) == 1);
        assertThat(count(pool, "select count(*) from token_service.inbox_processed_event where event_id = $1",
                replayed.id())).isZero();
        assertNothingDeadLettered(server.id());
    }

    private void assertNothingDeadLettered(String key) {
        String sentinel = "sentinel-" + UUID.randomUUID();
        TopicProbe.send(Topics.deadLetter("token-service"), sentinel, "{}", Map.of());
        try (TopicProbe deadLetters = TopicProbe.onTopic(Topics.deadLetter("token-service"))) {
            deadLetters.awaitRecords(r -> sentinel.equals(r.key()), 1, WAIT);
            assertThat(deadLetters.recordsAfter(r -> key.equals(r.key()), Duration.ZERO)).isEmpty();
        }
    }

    private void injectFault(String table, String operation, String sqlState) {
        injectFault(table, operation, sqlState, "true");
    }

    /** Every {@code operation} on the table where {@code condition} holds fails with {@code sqlState}. */
    private void injectFault(String table, String operation, String sqlState, String condition) {
        execute("create or replace function token_service.inject_fault() returns trigger language plpgsql as $$ begin "
                + "if " + condition + " then raise exception 'injected fault %', '" + sqlState + "' using errcode = '"
                + sqlState + "'; end if; return new; end $$");
        execute("create trigger inject_fault before " + operation + " on token_service." + table
                + " for each row execute function token_service.inject_fault()");
    }

    private void execute(String sql) {
        pool.query(sql).execute().await().atMost(Duration.ofSeconds(10));
    }

    private static double stuckSeconds(String topic) {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines()
                .filter(line -> line.startsWith("connect_consumer_stuck_seconds{") && line.contains("topic=\"" + topic + "\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst().orElse(0);
    }
}

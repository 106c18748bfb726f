package dev.connectplane.server;

import static dev.connectplane.server.TestSupport.count;
import static dev.connectplane.server.TestSupport.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import dev.connectplane.contracts.Topics;
import dev.connectplane.contracts.envelope.Actor;
import dev.connectplane.contracts.envelope.EventCodec;
import dev.connectplane.contracts.envelope.EventEnvelope;
import dev.connectplane.contracts.envelope.EventPayload;
import dev.connectplane.contracts.operations.OutboxRowParked;
import dev.connectplane.contracts.operations.OutboxWatermark;
import dev.connectplane.contracts.server.ServerCreated;
import dev.connectplane.contracts.server.ServerRenamed;
import dev.connectplane.foundation.caller.CallContext;
import dev.connectplane.foundation.ids.IdGenerator;
import dev.connectplane.foundation.outbox.OutboxRelay;
import dev.connectplane.foundation.outbox.OutboxWriter;
import dev.connectplane.infra.KafkaBroker;
import dev.connectplane.server.repository.Server;
import dev.connectplane.server.repository.ServerRepository;
import dev.connectplane.server.repository.ServerState;
import dev.connectplane.testing.ConnectInfraResource;
import dev.connectplane.testing.SharedInfra;
import dev.connectplane.testing.TopicProbe;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.vertx.RunOnVertxContext;
import io.quarkus.test.vertx.UniAsserter;
import io.restassured.http.ContentType;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The transactional outbox and its relay against the real database and broker. */
@QuarkusTest
@QuarkusTestResource(ConnectInfraResource.class)
class OutboxComponentTest {

    @Inject
    Pool pool;

    @Inject
    ServerRepository servers;

    @Inject
    OutboxWriter outbox;

    @Inject
    OutboxRelay relay;

    @Test
    @RunOnVertxContext
    void aTransactionThatFailsMidwayLeavesNeitherStateNorEvent(UniAsserter asserter) {
        Server server = newServer(unique("Doomed"));
        asserter.assertFailedWith(() -> Panache.withTransaction(() -> servers.persistAndFlush(server)
                .call(saved -> outbox.append(new ServerCreated(saved.id, saved.name, "test", saved.createdAt, List.of()),
                        CallContext.system(Actor.system("test"))))
                .chain(() -> Uni.createFrom().failure(new IllegalStateException("failure after the outbox write")))),
                IllegalStateException.class);
        asserter.assertThat(() -> countLater("select count(*) from server_service.server where id = $1", server.id),
                servers -> assertThat(servers).isZero());
        asserter.assertThat(() -> countLater("select count(*) from server_service.outbox_event where record_key = $1",
                server.id), events -> assertThat(events).isZero());
    }

    @Test
    void nothingOfARolledBackTransactionReachesTheTopic() {
        String id = IdGenerator.newId();
        pool.withTransaction(connection -> connection
                        .preparedQuery("insert into server_service.outbox_event (event_id, topic, record_key, event_type, payload) "
                                + "values ($1, $2, $3, 'connect.server.created.v1', '{}')")
                        .execute(Tuple.of(IdGenerator.newId(), Topics.SERVER_EVENTS, id))
                        .chain(() -> Uni.createFrom().failure(new IllegalStateException("rolled back"))))
                .onFailure().recoverWithNull().await().atMost(Duration.ofSeconds(10));
        String marker = given().contentType(ContentType.JSON).body(Map.of("name", unique("Marker")))
                .post("/v1/servers").then().statusCode(201).extract().path("server.id");

        try (TopicProbe probe = TopicProbe.onTopic(Topics.SERVER_EVENTS)) {
            probe.awaitRecords(r -> marker.equals(r.key()), 1, Duration.ofSeconds(20));
            assertThat(probe.recordsAfter(r -> id.equals(r.key()), Duration.ofMillis(500))).isEmpty();
        }
        assertThat(count(pool, "select count(*) from server_service.outbox_event where record_key = $1", id)).isZero();
    }

    @Test
    @RunOnVertxContext
    void theOutboxRefusesToWriteOutsideATransaction(UniAsserter asserter) {
        asserter.assertFailedWith(() -> Panache.withSession(() -> outbox.append(
                new ServerRenamed(IdGenerator.newId(), "a", "b"), CallContext.system(Actor.system("test")))),
                IllegalStateException.class);
    }

    @Test
    void onlyOneRelayPublishesAtATime() {
        await().atMost(Duration.ofSeconds(10)).until(relay::isLeader);

        boolean secondInstanceGotTheLock = pool.withConnection(connection -> connection
                        .preparedQuery("select pg_try_advisory_lock(hashtext($1)) as locked")
                        .execute(Tuple.of("outbox-relay:server_service"))
                        .map(rows -> rows.iterator().next().getBoolean("locked")))
                .await().atMost(Duration.ofSeconds(10));

        assertThat(secondInstanceGotTheLock).isFalse();
    }

    @Test
    void eventsAcceptedWhileTheBrokerIsDownArePublishedInOrderOnceItIsBack() {
        KafkaBroker broker = SharedInfra.managedKafka().orElse(null);
        Assumptions.assumeTrue(broker != null, "needs the broker this run started (not an external one)");
        String name = unique("Resilient");
        String id = given().contentType(ContentType.JSON).body(Map.of("name", name))
                .post("/v1/servers").then().statusCode(201).extract().path("server.id");
        await().atMost(Duration.ofSeconds(20)).until(() -> count(pool,
                "select count(*) from server_service.outbox_event where record_key = $1 and published_at is null", id) == 0);

        broker.stop();
        List<String> names = List.of(unique("Second"), unique("Third"), unique("Fourth"));
        try {
            for (String newName : names) {
                given().contentType(ContentType.JSON).body(Map.of("name", newName))
                        .patch("/v1/servers/" + id).then().statusCode(200);
            }
            assertThat(count(pool, "select count(*) from server_service.outbox_event "
                    + "where record_key = $1 and published_at is null", id)).isEqualTo(3);
        } finally {
            broker.start();
        }

        try (TopicProbe probe = TopicProbe.onTopic(Topics.SERVER_EVENTS)) {
            List<ConsumerRecord<String, String>> records =
                    probe.awaitRecords(r -> id.equals(r.key()), 4, Duration.ofSeconds(60));
            List<String> newNames = records.stream().map(r -> EventCodec.decode(r.value()).data())
                    .filter(ServerRenamed.class::isInstance).map(e -> ((ServerRenamed) e).newName()).toList();
            assertThat(newNames).containsExactlyElementsOf(names);
            EventPayload first = EventCodec.decode(records.get(0).value()).data();
            assertThat(first).isInstanceOf(ServerCreated.class);
        }
    }

    /**
     * A row the broker would refuse (over the relay's record limit) is parked with its reason and
     * an OutboxRowParked event; a later row of the same key waits behind it; another key's row
     * goes out. Stale parked rows of other tests do not matter: each test uses its own keys.
     */
    @Test
    void aRowTheBrokerWillNeverTakeIsParkedAndOnlyItsKeyWaits() {
        String blockedKey = IdGenerator.newId();
        String otherKey = IdGenerator.newId();
        String oversized = IdGenerator.newId();
        String behind = IdGenerator.newId();
        String other = IdGenerator.newId();
        pool.withTransaction(connection -> insertRow(connection, oversized, blockedKey, "x".repeat(1_100_000))
                        .chain(() -> insertRow(connection, behind, blockedKey, "{}"))
                        .chain(() -> insertRow(connection, other, otherKey, "{}")))
                .await().atMost(Duration.ofSeconds(10));

        try (TopicProbe serverEvents = TopicProbe.onTopic(Topics.SERVER_EVENTS);
             TopicProbe operations = TopicProbe.onTopic(Topics.OPERATIONS_EVENTS)) {
            serverEvents.awaitRecords(r -> otherKey.equals(r.key()), 1, Duration.ofSeconds(30));
            ConsumerRecord<String, String> notice = operations.awaitRecords(r -> r.value().contains(oversized), 1,
                    Duration.ofSeconds(30)).get(0);
            OutboxRowParked parked = (OutboxRowParked) EventCodec.decode(notice.value()).data();
            assertThat(parked.service()).isEqualTo("server-service");
            assertThat(parked.recordKey()).isEqualTo(blockedKey);
            assertThat(parked.reason()).contains("bytes");
            assertThat(notice.value()).doesNotContain("xxxxxxxxxx");
            assertThat(serverEvents.recordsAfter(r -> blockedKey.equals(r.key()), Duration.ZERO)).isEmpty();
        }
        assertThat(count(pool, "select count(*) from server_service.outbox_event where event_id = $1 "
                + "and parked_at is not null and park_reason like '%bytes%'", oversized)).isEqualTo(1);
        assertThat(count(pool, "select count(*) from server_service.outbox_event where event_id = $1 "
                + "and published_at is null and parked_at is null", behind)).isEqualTo(1);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200)
                .body(containsString("Outbox rows parked")));
        assertThat(given().get("/q/metrics").then().extract().asString()).contains("connect_outbox_parkings_total");
    }

    /**
     * A row the broker refuses when it is sent (a topic name Kafka does not allow) fails its
     * round's transaction: the round is aborted, so a read-committed consumer never sees the rest
     * of it; the refused row is parked and the round goes again without it at once. The other
     * key's row is on the topic exactly once (proved with a sentinel behind it), the refused
     * key's next row waits.
     */
    @Test
    void aRowTheBrokerRefusesAbortsItsRoundWhichGoesAgainWithoutIt() {
        String blockedKey = IdGenerator.newId();
        String otherKey = IdGenerator.newId();
        String refused = IdGenerator.newId();
        String behind = IdGenerator.newId();
        String other = IdGenerator.newId();
        String sentinel = IdGenerator.newId();
        pool.withTransaction(connection -> insertRow(connection, refused, "bad topic name!", blockedKey, "{}")
                        .chain(() -> insertRow(connection, behind, blockedKey, "{}"))
                        .chain(() -> insertRow(connection, other, otherKey, "{}")))
                .await().atMost(Duration.ofSeconds(10));

        try (TopicProbe serverEvents = TopicProbe.onTopic(Topics.SERVER_EVENTS)) {
            serverEvents.awaitRecords(r -> otherKey.equals(r.key()), 1, Duration.ofSeconds(30));
            pool.withTransaction(connection -> insertRow(connection, sentinel, otherKey, "{}")).await().atMost(Duration.ofSeconds(10));
            List<ConsumerRecord<String, String>> ofOtherKey = serverEvents.awaitRecords(r -> otherKey.equals(r.key()), 2,
                    Duration.ofSeconds(30));
            assertThat(ofOtherKey).hasSize(2);
            assertThat(serverEvents.recordsAfter(r -> blockedKey.equals(r.key()), Duration.ZERO)).isEmpty();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> count(pool, "select count(*) from server_service.outbox_event "
                + "where event_id = $1 and parked_at is not null and park_reason like '%InvalidTopic%'", refused) == 1);
        assertThat(count(pool, "select count(*) from server_service.outbox_event where event_id = $1 "
                + "and published_at is null and parked_at is null", behind)).isEqualTo(1);
        // the relay marks a round published after the broker acknowledged it, while it sends the next
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(count(pool, "select count(*) from "
                + "server_service.outbox_event where event_id = any($1) and published_at is not null",
                (Object) new String[] {other, sentinel})).isEqualTo(2));
    }

    /**
     * The relay's watermark vouches only for what is already on the topics: its first watermark
     * through a moment after a row's commit comes with the row's round or after it, never before
     * (the broker's timestamps of the two records), and the stand-in's watermarks are not its own.
     */
    @Test
    void theRelaysWatermarkPassesACommittedRowOnlyWithOrAfterTheRow() {
        String key = IdGenerator.newId();
        String eventId = IdGenerator.newId();
        try (TopicProbe watermarks = TopicProbe.onTopic(Topics.OUTBOX_WATERMARKS);
             TopicProbe serverEvents = TopicProbe.onTopic(Topics.SERVER_EVENTS)) {
            pool.withTransaction(connection -> insertRow(connection, eventId, key, "{}")).await().atMost(Duration.ofSeconds(10));
            Instant committed = Instant.now();

            ConsumerRecord<String, String> passing = watermarks.awaitRecords(
                    record -> isRelayWatermarkThrough(record, committed), 1, Duration.ofSeconds(30)).get(0);
            ConsumerRecord<String, String> row = serverEvents.awaitRecords(record -> key.equals(record.key()), 1,
                    Duration.ofSeconds(10)).get(0);

            assertThat(passing.timestamp()).isGreaterThanOrEqualTo(row.timestamp());
            assertThat(passing.key()).isEqualTo("outbox:server-service");
        }
    }

    private static boolean isRelayWatermarkThrough(ConsumerRecord<String, String> record, Instant committed) {
        EventEnvelope<EventPayload> event = EventCodec.decode(record.value());
        return event.data() instanceof OutboxWatermark watermark && "server-service".equals(event.actor().id())
                && !watermark.publishedThrough().toInstant().isBefore(committed);
    }

    private static Uni<RowSet<Row>> insertRow(SqlConnection connection, String eventId, String key, String payload) {
        return insertRow(connection, eventId, Topics.SERVER_EVENTS, key, payload);
    }

    private static Uni<RowSet<Row>> insertRow(SqlConnection connection, String eventId, String topic, String key,
                                              String payload) {
        return connection.preparedQuery("insert into server_service.outbox_event (event_id, topic, record_key, event_type, "
                        + "payload) values ($1, $2, $3, 'connect.server.renamed.v1', $4)")
                .execute(Tuple.of(eventId, topic, key, payload));
    }

    private Uni<Long> countLater(String sql, String parameter) {
        return pool.preparedQuery(sql).execute(Tuple.of(parameter)).map(rows -> rows.iterator().next().getLong(0));
    }

    private static Server newServer(String name) {
        Server server = new Server();
        server.id = IdGenerator.newId();
        server.name = name;
        server.state = ServerState.ACTIVE;
        server.createdAt = OutboxWriter.now();
        server.creatorId = "test";
        server.tokensVersion = 1;
        server.credentialHash = "0".repeat(64);
        return server;
    }
}

package dev.connectplane.server;

import static dev.connectplane.server.TestSupport.count;
import static dev.connectplane.server.TestSupport.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.connectplane.contracts.Topics;
import dev.connectplane.contracts.envelope.EventCodec;
import dev.connectplane.contracts.envelope.EventEnvelope;
import dev.connectplane.contracts.envelope.EventPayload;
import dev.connectplane.contracts.server.ServerCreated;
import dev.connectplane.infra.DevIssuer;
import dev.connectplane.testing.ConnectInfraResource;
import dev.connectplane.testing.CredentialScan;
import dev.connectplane.testing.Pages;
import dev.connectplane.testing.ReplyKeys;
import dev.connectplane.testing.TestCommands;
import dev.connectplane.testing.TestIdentities;
import dev.connectplane.testing.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * server.create, server.edit and server.delete on {@code connect.servers.commands}: the same rules
 * as REST, one reply each on {@code connect.command-replies}, no second effect for a repeated ID,
 * and a message that is not a command dead-lettered while the next command still works.
 */
@QuarkusTest
@QuarkusTestResource(ConnectInfraResource.class)
class CommandsOverKafkaTest {

    private final TestCommands commands = new TestCommands();

    @Inject
    Pool pool;

    @AfterEach
    void close() {
        commands.close();
    }

    @Test
    void eachCommandTypeTakesEffectAndIsAnsweredWithItsResult() {
        String name = unique("Kafka server");
        String manager = TestIdentities.bearer("kai-automation", TestIdentities.MANAGERS_GROUP);
        try (TopicProbe serverEvents = TopicProbe.onTopic(Topics.SERVER_EVENTS)) {
            ReplyKeys replyKey = ReplyKeys.generate();
            String create = commands.send(Topics.SERVER_COMMANDS, "server.create",
                    Map.of("name", name, "reply_key", replyKey.publicJwk()), manager);
            JsonNode created = commands.awaitReply(create);
            assertThat(created.path("type").asText()).isEqualTo("connect.command.accepted.v1");
            assertThat(created.path("actorid").asText()).isEqualTo("kai-automation");
            String id = created.at("/data/result/server/id").asText();
            assertThat(created.at("/data/result/credentials").isMissingNode()).as("never in clear on the topic").isTrue();
            String jwe = created.at("/data/result/credentials_jwe").asText();
            assertThat(ReplyKeys.header(jwe).path("alg").asText()).isEqualTo("ECDH-ES+A256KW");
            assertThat(ReplyKeys.header(jwe).path("enc").asText()).isEqualTo("A256GCM");
            JsonNode credentials = EventCodec.readTree(replyKey.decrypt(jwe));
            assertThat(credentials.path("server_id").asText()).isEqualTo(id);
            assertThat(credentials.path("secret").asText()).hasSize(43);
            given().get("/v1/servers/" + id).then().statusCode(200);

            List<EventEnvelope<EventPayload>> events = serverEvents.awaitRecords(r -> id.equals(r.key()), 1,
                    Duration.ofSeconds(20)).stream().map(r -> EventCodec.decode(r.value())).toList();
            assertThat(events.get(0).data()).isInstanceOf(ServerCreated.class);
            assertThat(events.get(0).causationid()).isEqualTo(create);
            assertThat(events.get(0).actorid()).isEqualTo("kai-automation");

            String renamed = unique("Renamed by Kafka");
            String edit = commands.send(Topics.SERVER_COMMANDS, "server.edit", Map.of("server", id, "name", renamed), manager);
            JsonNode edited = commands.awaitReply(edit);
            assertThat(edited.at("/data/result/name").asText()).isEqualTo(renamed);

            String delete = commands.send(Topics.SERVER_COMMANDS, "server.delete", Map.of("server", renamed), manager);
            JsonNode deleted = commands.awaitReply(delete);
            assertThat(deleted.at("/data/result/state").asText()).isEqualTo("DELETED");
            given().get("/v1/servers/" + id).then().statusCode(404);

            // every event of a command names it as its cause, so does its audit record
            assertThat(serverEvents.awaitCauses(id, 3, Duration.ofSeconds(20)))
                    .containsExactly("ServerCreated " + create, "ServerRenamed " + edit, "ServerDeleted " + delete);
        }
    }

    /**
     * Commands are applied several at a time, but never two of one key: renames of one server,
     * keyed by its ID and sent between a burst of creates, take effect in the order they were sent.
     */
    @Test
    void aBurstIsAppliedSideBySideWhileEachKeyKeepsItsOrder() {
        String manager = TestIdentities.bearer("kai-automation", TestIdentities.MANAGERS_GROUP);
        List<String> renames = new ArrayList<>();
        List<String> creates = new ArrayList<>();
        try (TopicProbe serverEvents = TopicProbe.onTopic(Topics.SERVER_EVENTS)) {
            String create = commands.send(Topics.SERVER_COMMANDS, "server.create", Map.of("name", unique("Ordered")),
                    manager);
            String id = commands.awaitReply(create).at("/data/result/server/id").asText();
            for (int i = 0; i < 6; i++) {
                renames.add(commands.sendKeyed(Topics.SERVER_COMMANDS, id, "server.edit",
                        Map.of("server", id, "name", unique("Ordered " + i)), manager));
                for (int j = 0; j < 5; j++) {
                    creates.add(commands.send(Topics.SERVER_COMMANDS, "server.create",
                            Map.of("name", unique("Beside " + i + "-" + j)), manager));
                }
            }

            assertThat(creates).extracting(c -> commands.awaitReply(c).path("type").asText())
                    .containsOnly("connect.command.accepted.v1");
            assertThat(renames).extracting(c -> commands.awaitReply(c).path("type").asText())
                    .containsOnly("connect.command.accepted.v1");
            List<String> expected = new ArrayList<>(List.of("ServerCreated " + create));
            renames.forEach(rename -> expected.add("ServerRenamed " + rename));
            assertThat(serverEvents.awaitCauses(id, expected.size(), Duration.ofSeconds(20)))
                    .containsExactlyElementsOf(expected);
        }
    }

    @Test
    void aRepeatedCommandIdHasNoSecondEffectAndGetsTheFirstReplyWithoutTheSecret() {
        String name = unique("Once");
        String commandId = "repeat-" + name.replace(' ', '-');
        String manager = TestIdentities.bearer("kai-automation", TestIdentities.MANAGERS_GROUP);
        Map<String, Object> payload = Map.of("name", name, "return_credentials", true,
                "reply_key", ReplyKeys.generate().publicJwk());

        commands.send(Topics.SERVER_COMMANDS, commandId, "server.create", payload, manager);
        commands.send(Topics.SERVER_COMMANDS, commandId, "server.create", payload, manager);

        List<JsonNode> replies = commands.awaitReplies(commandId, 2);
        assertThat(replies).extracting(r -> r.path("type").asText()).containsOnly("connect.command.accepted.v1");
        assertThat(replies.get(1).at("/data/result/server/id").asText())
                .isEqualTo(replies.get(0).at("/data/result/server/id").asText());
        assertThat(replies.get(0).at("/data/result/credentials_jwe").isMissingNode()).isFalse();
        assertThat(replies.get(1).at("/data/result/credentials_jwe").isMissingNode()).isTrue();
        List<String> names = Pages.field("/v1/servers", "name");
        assertThat(names).containsOnlyOnce(name);
    }

    /** A secret is never sent in clear over Kafka: asking without a key, or with a private key, is refused. */
    @Test
    void credentialsAreOnlyEverSentEncryptedToTheCallersKey() {
        String manager = TestIdentities.bearer("kai-automation", TestIdentities.MANAGERS_GROUP);
        String withoutKey = unique("No key");
        String withPrivateKey = unique("Private key");
        JsonNode refused = commands.awaitReply(commands.send(Topics.SERVER_COMMANDS, "server.create",
                Map.of("name", withoutKey, "return_credentials", true), manager));
        JsonNode privateKey = commands.awaitReply(commands.send(Topics.SERVER_COMMANDS, "server.create",
                Map.of("name", withPrivateKey, "reply_key", ReplyKeys.generate().privateJwk()), manager));
        JsonNode notAKey = commands.awaitReply(commands.send(Topics.SERVER_COMMANDS, "server.create",
                Map.of("name", withPrivateKey, "reply_key", Map.of("kty", "oct", "k", "c2VjcmV0")), manager));

        assertThat(refused.at("/data/problem/status").asInt()).isEqualTo(400);
        assertThat(refused.at("/data/problem/type").asText()).endsWith("/reply-key-required");
        assertThat(privateKey.at("/data/problem/type").asText()).endsWith("/invalid-reply-key");
        assertThat(privateKey.at("/data/problem/detail").asText()).contains("private");
        assertThat(notAKey.at("/data/problem/type").asText()).endsWith("/invalid-reply-key");
        assertThat(Pages.<String>field("/v1/servers", "name")).doesNotContain(withoutKey, withPrivateKey);
    }

    /**
     * A command ID is its caller's own: another caller's command with the same ID is another
     * command (nobody can pre-claim an ID), and a repeat without a valid token is rejected like
     * any unauthenticated command instead of getting the stored reply.
     */
    @Test
    void commandIdsAreBoundToTheirCaller(@TempDir Path foreignKeys) {
        String commandId = "shared-" + unique("id").replace(' ', '-');
        String first = unique("First caller");
        String second = unique("Second caller");
        String kai = TestIdentities.bearer("kai-automation", TestIdentities.MANAGERS_GROUP);
        String lee = TestIdentities.bearer("lee-automation", TestIdentities.MANAGERS_GROUP);
        String forged = "Bearer " + DevIssuer.loadOrCreate(foreignKeys)
                .mint("kai-automation", List.of(TestIdentities.MANAGERS_GROUP), Duration.ofHours(1));

        commands.send(Topics.SERVER_COMMANDS, commandId, "server.create", Map.of("name", first), kai);
        JsonNode kaisReply = commands.awaitReply(commandId);
        commands.send(Topics.SERVER_COMMANDS, commandId, "server.create", Map.of("name", second), lee);
        commands.send(Topics.SERVER_COMMANDS, commandId, "server.create", Map.of("name", first), null);
        commands.send(Topics.SERVER_COMMANDS, commandId, "server.create", Map.of("name", first), forged);
        List<JsonNode> replies = commands.awaitReplies(commandId, 4);

        assertThat(kaisReply.path("type").asText()).isEqualTo("connect.command.accepted.v1");
        assertThat(replies.get(1).path("type").asText()).as("another caller's command").isEqualTo("connect.command.accepted.v1");
        assertThat(replies.get(1).at("/data/result/server/id").asText())
                .isNotEqualTo(kaisReply.at("/data/result/server/id").asText());
        for (JsonNode unauthenticated : replies.subList(2, 4)) {
            assertThat(unauthenticated.path("type").asText()).isEqualTo("connect.command.rejected.v1");
            assertThat(unauthenticated.at("/data/problem/status").asInt()).isEqualTo(401);
            assertThat(unauthenticated.path("actorid").asText()).isEqualTo("unauthenticated");
        }
        assertThat(Pages.<String>field("/v1/servers", "name")).containsOnlyOnce(first).containsOnlyOnce(second);
    }

    @Test
    void missingForgedAndUnauthorizedCallersAreRejectedWithTheProblemRestWouldGive(@TempDir Path foreignKeys) {
        String name = unique("Refused");
        String forged = "Bearer " + DevIssuer.loadOrCreate(foreignKeys)
                .mint("mallory", List.of(TestIdentities.MANAGERS_GROUP), Duration.ofHours(1));
        String member = TestIdentities.bearer("sam", "some-team");

        JsonNode missing = commands.awaitReply(commands.send(Topics.SERVER_COMMANDS, "server.create", Map.of("name", name), null));
        JsonNode forgedReply = commands.awaitReply(commands.send(Topics.SERVER_COMMANDS, "server.create", Map.of("name", name), forged));
        JsonNode notManager = commands.awaitReply(commands.send(Topics.SERVER_COMMANDS, "server.create", Map.of("name", name), member));

        assertThat(missing.path("type").asText()).isEqualTo("connect.command.rejected.v1");
        assertThat(missing.at("/data/problem/status").asInt()).isEqualTo(401);
        assertThat(missing.path("actorid").asText()).isEqualTo("unauthenticated");
        assertThat(forgedReply.at("/data/problem/status").asInt()).isEqualTo(401);
        assertThat(notManager.at("/data/problem/status").asInt()).isEqualTo(403);
        assertThat(notManager.at("/data/problem/detail").asText()).contains("managers");
        assertThat(Pages.<String>field("/v1/servers", "name")).doesNotContain(name);
    }

    @Test
    void invalidCommandsAreRejectedAsRestWouldAndNothingIsCreated() {
        String manager = TestIdentities.bearer("kai-automation", TestIdentities.MANAGERS_GROUP);

        JsonNode unknownField = commands.awaitReply(commands.send(Topics.SERVER_COMMANDS, "server.create",
                Map.of("name", unique("x"), "colour", "blue"), manager));
        JsonNode badName = commands.awaitReply(commands.send(Topics.SERVER_COMMANDS, "server.create",
                Map.of("name", ""), manager));
        JsonNode otherTopicsType = commands.awaitReply(commands.send(Topics.SERVER_COMMANDS, "token.create",
                Map.of("name", "x"), manager));
        JsonNode unknownServer = commands.awaitReply(commands.send(Topics.SERVER_COMMANDS, "server.delete",
                Map.of("server", "no-such-server"), manager));

        assertThat(unknownField.at("/data/problem/status").asInt()).isEqualTo(400);
        assertThat(unknownField.at("/data/problem/type").asText()).endsWith("malformed-payload");
        assertThat(badName.at("/data/problem/status").asInt()).isEqualTo(400);
        assertThat(otherTopicsType.at("/data/problem/type").asText()).endsWith("unknown-command-type");
        assertThat(unknownServer.at("/data/problem/status").asInt()).isEqualTo(404);
    }

    @Test
    void aMessageThatIsNotACommandIsDeadLetteredAndTheNextCommandStillWorks() {
        String manager = TestIdentities.bearer("kai-automation", TestIdentities.MANAGERS_GROUP);
        try (TopicProbe deadLetters = TopicProbe.onTopic(Topics.deadLetter("server-service"))) {
            String marker = "not a command " + unique("m");
            TestCommands.sendRaw(Topics.SERVER_COMMANDS, "junk", marker, manager);
            TestCommands.sendRaw(Topics.SERVER_COMMANDS, "junk", "{\"type\":\"server.create\"}", manager);

            String name = unique("After junk");
            JsonNode reply = commands.awaitReply(commands.send(Topics.SERVER_COMMANDS, "server.create",
                    Map.of("name", name), manager));

            assertThat(reply.path("type").asText()).isEqualTo("connect.command.accepted.v1");
            List<ConsumerRecord<String, String>> deadLettered =
                    deadLetters.awaitRecords(r -> marker.equals(r.value()), 1, Duration.ofSeconds(20));
            assertThat(deadLettered).hasSize(1);
            assertThat(deadLettered.get(0).headers().lastHeader("dead-letter-reason")).as("still says why").isNotNull();
            assertThat(CredentialScan.findings(deadLettered.get(0))).as("the manager's JWT left behind").isEmpty();
        }
    }

    /**
     * What once stopped the outbox for good: a 600 KB {@code type}, echoed twice into the reply,
     * made a reply larger than the broker takes. Now such a record is not a command (dead
     * letter), a huge name in a payload is echoed capped, and the commands after both are answered.
     */
    @Test
    void oversizedFieldsNeverMakeAReplyTheBrokerRefuses() {
        String manager = TestIdentities.bearer("kai-automation", TestIdentities.MANAGERS_GROUP);
        String hugeType = "x".repeat(600_000);
        String commandId = "oversized-" + unique("c").replace(' ', '-');
        String hugeNameId;
        try (TopicProbe deadLetters = TopicProbe.onTopic(Topics.deadLetter("server-service"))) {
            TestCommands.sendRaw(Topics.SERVER_COMMANDS, commandId,
                    "{\"command_id\":\"" + commandId + "\",\"type\":\"" + hugeType + "\",\"payload\":{}}", manager);
            hugeNameId = commands.send(Topics.SERVER_COMMANDS, "server.delete",
                    Map.of("server", "n".repeat(500_000)), manager);
            JsonNode hugeName = commands.awaitReply(hugeNameId);
            JsonNode after = commands.awaitReply(commands.send(Topics.SERVER_COMMANDS, "server.create",
                    Map.of("name", unique("After oversized")), manager));

            assertThat(hugeName.path("type").asText()).isEqualTo("connect.command.rejected.v1");
            assertThat(hugeName.toString().length()).isLessThan(5_000);
            assertThat(after.path("type").asText()).isEqualTo("connect.command.accepted.v1");
            assertThat(deadLetters.awaitRecords(r -> commandId.equals(r.key()), 1, Duration.ofSeconds(20))).hasSize(1);
        }
        assertThat(count(pool, "select count(*) from server_service.outbox_event where record_key in ($1, $2) "
                + "and parked_at is not null", commandId, hugeNameId)).isZero();
    }
}

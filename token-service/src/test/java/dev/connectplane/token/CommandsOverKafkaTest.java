package dev.connectplane.token;

import static dev.connectplane.token.TokenTestSupport.isActive;
import static dev.connectplane.token.TokenTestSupport.knownServer;
import static dev.connectplane.token.TokenTestSupport.unique;
import static dev.connectplane.token.TokenTestSupport.vault;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.connectplane.contracts.Topics;
import dev.connectplane.contracts.common.VaultRef;
import dev.connectplane.testing.ConnectInfraResource;
import dev.connectplane.testing.CredentialScan;
import dev.connectplane.testing.ReplyKeys;
import dev.connectplane.testing.TestCommands;
import dev.connectplane.testing.TestIdentities;
import dev.connectplane.testing.TopicProbe;
import dev.connectplane.token.TokenTestSupport.TestServer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** token.create, token.edit and token.delete on {@code connect.tokens.commands}. */
@QuarkusTest
@QuarkusTestResource(ConnectInfraResource.class)
class CommandsOverKafkaTest {

    @Inject
    Pool pool;

    private final TestCommands commands = new TestCommands();
    private final String manager = TestIdentities.bearer("kai-automation", TestIdentities.MANAGERS_GROUP);

    @AfterEach
    void close() {
        commands.close();
    }

    @Test
    void aTokenIsCreatedRenamedAndRevokedOverKafkaAndItsSecretIsReturnedOnceWhenAsked() {
        VaultRef vault = vault("Kafka vault");
        TestServer server = knownServer(pool, vault);
        String name = unique("kafka token");
        String commandId = "create-" + name.replace(' ', '-');
        ReplyKeys replyKey = ReplyKeys.generate();
        Map<String, Object> payload = Map.of("name", name, "server", server.id(),
                "vaults", List.of(vault.vaultName() + ",r"), "expires_in", "1d", "return_token", true,
                "reply_key", replyKey.publicJwk());

        TopicProbe tokenEvents = TopicProbe.onTopic(Topics.TOKEN_EVENTS);
        commands.send(Topics.TOKEN_COMMANDS, commandId, "token.create", payload, manager);
        commands.send(Topics.TOKEN_COMMANDS, commandId, "token.create", payload, manager);
        List<JsonNode> replies = commands.awaitReplies(commandId, 2);

        assertThat(replies.get(0).at("/data/result/token").isMissingNode()).as("never in clear on the topic").isTrue();
        String token = replyKey.decrypt(replies.get(0).at("/data/result/token_jwe").asText());
        String tokenId = replies.get(0).at("/data/result/id").asText();
        assertThat(isActive(token)).isTrue();
        assertThat(replies.get(1).at("/data/result/id").asText()).isEqualTo(tokenId);
        assertThat(replies.get(1).at("/data/result/token_jwe").isMissingNode()).isTrue();
        assertThat(given().get("/v1/servers/" + server.id() + "/tokens").jsonPath().<String>getList("name"))
                .containsOnlyOnce(name);
        long stored = TokenTestSupport.count(pool,
                "select count(*) from token_service.outbox_event where payload like '%' || $1 || '%'", token);
        await().atMost(Duration.ofSeconds(20)).until(() -> TokenTestSupport.count(pool,
                "select count(*) from token_service.outbox_event where payload like '%' || $1 || '%'", token) == 0);
        assertThat(stored).isLessThanOrEqualTo(1);

        String edit = commands.send(Topics.TOKEN_COMMANDS, "token.edit",
                Map.of("server", server.name(), "token", tokenId, "name", name + " renamed"), manager);
        JsonNode renamed = commands.awaitReply(edit);
        assertThat(renamed.at("/data/result/name").asText()).isEqualTo(name + " renamed");

        String delete = commands.send(Topics.TOKEN_COMMANDS, "token.delete",
                Map.of("server", server.id(), "token", name + " renamed"), manager);
        JsonNode deleted = commands.awaitReply(delete);
        assertThat(deleted.path("type").asText()).isEqualTo("connect.command.accepted.v1");
        assertThat(isActive(token)).isFalse();

        // every event of a command names it as its cause, so does its audit record
        try (tokenEvents) {
            assertThat(tokenEvents.awaitCauses(server.id(), 3, Duration.ofSeconds(20)))
                    .containsExactly("TokenIssued " + commandId, "TokenRenamed " + edit, "TokenRevoked " + delete);
        }
    }

    @Test
    void refusedTokenCommandsCarryTheProblemAndCreateNothing() {
        VaultRef vault = vault("Kafka vault");
        TestServer server = knownServer(pool, vault);
        String name = unique("refused");

        JsonNode lacking = commands.awaitReply(commands.send(Topics.TOKEN_COMMANDS, "token.create",
                Map.of("name", name, "server", server.id(), "vaults", List.of("Not granted")), manager));
        JsonNode outsider = commands.awaitReply(commands.send(Topics.TOKEN_COMMANDS, "token.create",
                Map.of("name", name, "server", server.id(), "vaults", List.of(vault.vaultName())),
                TestIdentities.bearer("olly", "outsiders")));
        JsonNode forged = commands.awaitReply(commands.send(Topics.TOKEN_COMMANDS, "token.create",
                Map.of("name", name, "server", server.id(), "vaults", List.of(vault.vaultName())), "Bearer forged.token.value"));

        assertThat(lacking.at("/data/problem/status").asInt()).isEqualTo(422);
        assertThat(outsider.at("/data/problem/status").asInt()).isEqualTo(404);
        assertThat(forged.at("/data/problem/status").asInt()).isEqualTo(401);
        assertThat(given().get("/v1/servers/" + server.id() + "/tokens").jsonPath().<String>getList("name"))
                .doesNotContain(name);
    }

    /** Asking for the token without a key to encrypt it to is refused, and nothing is issued. */
    @Test
    void aTokenIsNeverSentInClearOverKafka() {
        VaultRef vault = vault("Kafka vault");
        TestServer server = knownServer(pool, vault);
        String name = unique("clear token");

        JsonNode refused = commands.awaitReply(commands.send(Topics.TOKEN_COMMANDS, "token.create",
                Map.of("name", name, "server", server.id(), "vaults", List.of(vault.vaultName()), "return_token", true),
                manager));

        assertThat(refused.path("type").asText()).isEqualTo("connect.command.rejected.v1");
        assertThat(refused.at("/data/problem/type").asText()).endsWith("/reply-key-required");
        assertThat(given().get("/v1/servers/" + server.id() + "/tokens").jsonPath().<String>getList("name"))
                .doesNotContain(name);
    }

    /** A dead letter keeps why it failed but never the caller's credential (SmallRye copies every header). */
    @Test
    void aDeadLetteredMessageKeepsNoCredential() {
        ConsumerRecord<String, String> dead = TestCommands.deadLetterOfNonCommand(Topics.TOKEN_COMMANDS, "token-service",
                TestIdentities.bearer("kai-automation", TestIdentities.MANAGERS_GROUP));

        assertThat(dead.headers().lastHeader("dead-letter-reason")).isNotNull();
        assertThat(CredentialScan.findings(dead)).isEmpty();
    }
}

package dev.connectplane.access;

import static dev.connectplane.access.AccessTestSupport.knownServer;
import static dev.connectplane.access.AccessTestSupport.registerGroup;
import static dev.connectplane.access.AccessTestSupport.registerVault;
import static dev.connectplane.access.AccessTestSupport.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.connectplane.contracts.Topics;
import dev.connectplane.contracts.common.VaultRef;
import dev.connectplane.testing.ConnectInfraResource;
import dev.connectplane.testing.CredentialScan;
import dev.connectplane.testing.TestCommands;
import dev.connectplane.testing.TestIdentities;
import dev.connectplane.testing.TopicProbe;
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

/** vault.grant, vault.revoke, group.grant and group.revoke on {@code connect.access.commands}. */
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
    void vaultGrantAndRevokeTakeEffectWithTheirReplies() {
        String server = knownServer(pool);
        VaultRef vault = registerVault(unique("Kafka vault"), "user_created");
        TopicProbe accessEvents = TopicProbe.onTopic(Topics.ACCESS_EVENTS);

        String grant = commands.send(Topics.ACCESS_COMMANDS, "vault.grant", Map.of("server", server, "vault", vault.vaultName()),
                manager);
        JsonNode granted = commands.awaitReply(grant);
        assertThat(granted.path("type").asText()).isEqualTo("connect.command.accepted.v1");
        assertThat(given().get("/v1/servers/" + server + "/vaults").jsonPath().<String>getList("vault_id"))
                .contains(vault.vaultId());

        String revoke = commands.send(Topics.ACCESS_COMMANDS, "vault.revoke", Map.of("server", server, "vault", vault.vaultId()),
                manager);
        JsonNode revoked = commands.awaitReply(revoke);
        assertThat(revoked.at("/data/result/revoked").asBoolean()).isTrue();
        assertThat(given().get("/v1/servers/" + server + "/vaults").jsonPath().<String>getList("vault_id"))
                .doesNotContain(vault.vaultId());
        try (accessEvents) {
            assertThat(accessEvents.awaitCauses(server, 2, Duration.ofSeconds(20)))
                    .containsExactly("VaultGranted " + grant, "VaultRevoked " + revoke);
        }

        JsonNode protectedVault = commands.awaitReply(commands.send(Topics.ACCESS_COMMANDS, "vault.grant",
                Map.of("server", server, "vault", "Private"), manager));
        assertThat(protectedVault.at("/data/problem/status").asInt()).isEqualTo(422);
    }

    @Test
    void groupGrantAndRevokeTakeEffectAndARepeatHasNoSecondEffect() {
        String server = knownServer(pool);
        String group = unique("Kafka team");
        registerGroup(group);
        String commandId = "grant-" + group.replace(' ', '-');

        TopicProbe accessEvents = TopicProbe.onTopic(Topics.ACCESS_EVENTS);
        commands.send(Topics.ACCESS_COMMANDS, commandId, "group.grant", Map.of("group", group, "server", server), manager);
        commands.send(Topics.ACCESS_COMMANDS, commandId, "group.grant", Map.of("group", group, "server", server), manager);
        List<JsonNode> replies = commands.awaitReplies(commandId, 2);
        assertThat(replies.get(0).at("/data/result/created").asBoolean()).isTrue();
        assertThat(replies.get(1).at("/data/result")).isEqualTo(replies.get(0).at("/data/result"));
        String member = TestIdentities.bearer("sam", group);
        given().header("Authorization", member).get("/v1/servers/" + server + "/vaults").then().statusCode(200);

        String revoke = commands.send(Topics.ACCESS_COMMANDS, "group.revoke", Map.of("group", group, "server", server), manager);
        JsonNode revoked = commands.awaitReply(revoke);
        assertThat(revoked.path("type").asText()).isEqualTo("connect.command.accepted.v1");
        given().header("Authorization", member).get("/v1/servers/" + server + "/vaults").then().statusCode(404);
        try (accessEvents) {
            assertThat(accessEvents.awaitCauses(server, 2, Duration.ofSeconds(20)))
                    .containsExactly("GroupGranted " + commandId, "GroupRevoked " + revoke);
        }

        JsonNode byMember = commands.awaitReply(commands.send(Topics.ACCESS_COMMANDS, "group.grant",
                Map.of("group", group, "all_servers", true), member));
        assertThat(byMember.at("/data/problem/status").asInt()).isEqualTo(403);
        JsonNode both = commands.awaitReply(commands.send(Topics.ACCESS_COMMANDS, "group.grant",
                Map.of("group", group, "server", server, "all_servers", true), manager));
        assertThat(both.at("/data/problem/type").asText()).endsWith("conflicting-scope");
    }

    /** A dead letter keeps why it failed but never the caller's credential (SmallRye copies every header). */
    @Test
    void aDeadLetteredMessageKeepsNoCredential() {
        ConsumerRecord<String, String> dead = TestCommands.deadLetterOfNonCommand(Topics.ACCESS_COMMANDS, "access-service",
                TestIdentities.bearer("kai-automation", TestIdentities.MANAGERS_GROUP));

        assertThat(dead.headers().lastHeader("dead-letter-reason")).isNotNull();
        assertThat(CredentialScan.findings(dead)).isEmpty();
    }
}

package dev.connectplane.audit;

import static dev.connectplane.audit.AuditTestSupport.awaitChained;
import static dev.connectplane.audit.AuditTestSupport.id;
import static dev.connectplane.audit.AuditTestSupport.publish;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.connectplane.audit.mapping.AuditAction;
import dev.connectplane.contracts.Topics;
import dev.connectplane.contracts.access.GrantScope;
import dev.connectplane.contracts.access.GroupGranted;
import dev.connectplane.contracts.access.GroupRegistered;
import dev.connectplane.contracts.access.GroupRevoked;
import dev.connectplane.contracts.access.VaultGranted;
import dev.connectplane.contracts.access.VaultRegistered;
import dev.connectplane.contracts.access.VaultRevocationReason;
import dev.connectplane.contracts.access.VaultRevoked;
import dev.connectplane.contracts.access.VaultType;
import dev.connectplane.contracts.commands.CommandAccepted;
import dev.connectplane.contracts.commands.CommandRejected;
import dev.connectplane.contracts.commands.CommandType;
import dev.connectplane.contracts.common.Permission;
import dev.connectplane.contracts.common.VaultRef;
import dev.connectplane.contracts.common.VaultScope;
import dev.connectplane.contracts.envelope.Actor;
import dev.connectplane.contracts.envelope.EventEnvelope;
import dev.connectplane.contracts.envelope.EventPayload;
import dev.connectplane.contracts.operations.OutboxRowParked;
import dev.connectplane.contracts.server.ServerCreated;
import dev.connectplane.contracts.server.ServerDeleted;
import dev.connectplane.contracts.server.ServerRenamed;
import dev.connectplane.contracts.token.SigningKeyRetired;
import dev.connectplane.contracts.token.SigningKeyRotated;
import dev.connectplane.contracts.token.TokenIssued;
import dev.connectplane.contracts.token.TokenRenamed;
import dev.connectplane.contracts.token.TokenRevocationReason;
import dev.connectplane.contracts.token.TokenRevoked;
import dev.connectplane.contracts.token.TokenScopeTrimmed;
import dev.connectplane.foundation.outbox.OutboxWriter;
import dev.connectplane.testing.ConnectInfraResource;
import dev.connectplane.testing.TopicProbe;
import dev.connectplane.testing.siem.CefDictionary;
import dev.connectplane.testing.siem.EcsSchema;
import dev.connectplane.testing.siem.OcsfSchema;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The whole export, from a real run of the consumer and the chainer over every event type, both
 * command replies, parked outbox rows, unknown and malformed messages, and names holding every
 * character that needs escaping somewhere, validated against the official schema data: OCSF
 * 1.1.0 and 1.8.0, ECS 8.17.0 and 9.4.0, and CEF's dictionary. One invalid record fails the build.
 */
@QuarkusTest
@QuarkusTestResource(ConnectInfraResource.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SiemConformanceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ROUNDS = 36;
    private static final List<String> NAMES = List.of(
            "pipe | and = equals", "back\\slash \\| \\=", "line\nbreak\rreturn\r\n", "quote \" and ' and `",
            "tab\there", "ctrl \u0001\u001f", "unicode ünïcødé 東京 🔑", "json {\"a\":[1]} <b>&amp;</b>",
            "CEF:0|fake|header|", "trailing space ", " leading", "x".repeat(1500));

    @Inject
    Pool pool;

    private final Set<String> published = new TreeSet<>();

    @BeforeAll
    void runEveryKindOfChange() {
        List<String> eventIds = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            String name = NAMES.get(round % NAMES.size()) + " #" + round;
            Actor actor = switch (round % 3) {
                case 0 -> Actor.user("alice=" + round, List.of("DevOps", "Platform|Ops", "a,b"));
                case 1 -> Actor.system("token-service");
                default -> Actor.server(id());
            };
            eventIds.addAll(oneOfEach(name, actor, round));
        }
        eventIds.addAll(unknownAndMalformed());
        awaitChained(pool, eventIds.toArray(String[]::new));
    }

    private List<String> oneOfEach(String name, Actor actor, int round) {
        String serverId = id();
        String vaultId = id();
        String groupId = id();
        String tokenId = id();
        String keyId = "kid-" + round + "-" + id();
        GrantScope scope = GrantScope.values()[round % GrantScope.values().length];
        String grantServer = scope == GrantScope.SERVER ? serverId : null;
        List<VaultScope> vaults = List.of(new VaultScope(vaultId, name, List.of(Permission.READ)));
        List<EventPayload> payloads = new ArrayList<>(List.of(
                new VaultRegistered(vaultId, name, VaultType.values()[round % VaultType.values().length]),
                new GroupRegistered(groupId, name),
                new ServerCreated(serverId, name, actor.id(), OutboxWriter.now(), List.of(new VaultRef(vaultId, name))),
                new VaultGranted(serverId, vaultId, name),
                new GroupGranted(groupId, name, scope, grantServer),
                new TokenIssued(tokenId, serverId, name, vaults, OutboxWriter.now(), round % 2 == 0 ? null : OutboxWriter.now(), keyId),
                new TokenRenamed(tokenId, serverId, name, name + " renamed"),
                new TokenScopeTrimmed(tokenId, serverId, vaultId, name, List.of()),
                new VaultRevoked(serverId, vaultId, name, VaultRevocationReason.values()[round % 2]),
                new GroupRevoked(groupId, name, scope, grantServer),
                new TokenRevoked(tokenId, serverId, TokenRevocationReason.values()[round % 3], OutboxWriter.now()),
                new ServerRenamed(serverId, name, name + " 2"),
                new ServerDeleted(serverId, name, OutboxWriter.now()),
                new SigningKeyRotated(keyId, round == 0 ? null : "kid-" + (round - 1), OutboxWriter.now()),
                new SigningKeyRetired(keyId, round, OutboxWriter.now()),
                new OutboxRowParked("token-service", round, id(), "connect.token.issued.v1", Topics.TOKEN_EVENTS, serverId,
                        2_000_000L + round, "record too large: " + name, OutboxWriter.now())));
        for (CommandType type : CommandType.values()) {
            ObjectNode problem = JSON.createObjectNode().put("type", "/problems/not-found").put("title", "Not found")
                    .put("status", 404).put("detail", "no server named '" + name + "'");
            payloads.add(round % 2 == 0
                    ? new CommandAccepted(id(), type.wireName(), JSON.createObjectNode().put("server_id", serverId).put("name", name))
                    : new CommandRejected(id(), type.wireName(), problem));
        }
        List<String> ids = new ArrayList<>();
        for (EventPayload payload : payloads) {
            EventEnvelope<EventPayload> event = publish(payload, actor);
            ids.add(event.id());
            published.add(AuditAction.of(event.type()).name());
        }
        return ids;
    }

    private List<String> unknownAndMalformed() {
        String serverId = id();
        Map<String, String> messages = new LinkedHashMap<>();
        messages.put("future-" + serverId, "{\"specversion\":\"1.0\",\"id\":\"future-" + serverId + "\",\"type\":\"connect.server.paused.v9\","
                + "\"source\":\"/connect/server-service\",\"time\":\"2026-11-28T05:00:00.000Z\",\"actorid\":\"carol|=\","
                + "\"data\":{\"server_id\":\"" + serverId + "\",\"name\":\"paused | \\\\ = \\n\"}}");
        messages.put("untyped-" + serverId, "{\"specversion\":\"1.0\",\"id\":\"untyped-" + serverId + "\",\"source\":\"/connect/server-service\",\"data\":{\"x\":1}}");
        messages.put("scalar-" + serverId, "{\"specversion\":\"1.0\",\"id\":\"scalar-" + serverId
                + "\",\"type\":\"connect.server.created.v1\",\"source\":\"/connect/server-service\",\"time\":\"not a time\",\"data\":\"just text\"}");
        messages.put("array-" + serverId, "{\"specversion\":\"1.0\",\"id\":\"array-" + serverId
                + "\",\"type\":\"connect.token.revoked.v1\",\"source\":\"/connect/server-service\",\"data\":[1,2,3]}");
        messages.forEach((id, message) -> TopicProbe.send(Topics.SERVER_EVENTS, serverId, message, Map.of()));
        published.add(AuditAction.UNKNOWN.name());
        return List.copyOf(messages.keySet());
    }

    @Test
    void everyOcsfRecordIsValidIn110And180() {
        for (String version : List.of("1.1.0", "1.8.0")) {
            OcsfSchema schema = OcsfSchema.version(version);
            List<String> lines = export("ocsf", version);
            Report report = validate(lines, line -> schema.validate(json(line)), line -> json(line).path("unmapped")
                    .path("connect").path("action").asText());
            report.assertValid("OCSF " + version, published);
            assertThat(lines).allSatisfy(line -> assertThat(json(line).path("metadata").path("version").asText()).isEqualTo(version));
        }
        assertThat(export("ocsf", null)).allSatisfy(line ->
                assertThat(json(line).path("metadata").path("version").asText()).isEqualTo("1.1.0"));
    }

    @Test
    void everyEcsRecordIsValidIn817And94() {
        for (String version : List.of("8.17.0", "9.4.0")) {
            EcsSchema schema = EcsSchema.version(version, "connect.");
            List<String> lines = export("ecs", version);
            Report report = validate(lines, line -> schema.validate(json(line)), line -> json(line).path("event")
                    .path("action").asText());
            report.assertValid("ECS " + version, published);
        }
        assertThat(export("ecs", null)).allSatisfy(line ->
                assertThat(json(line).path("ecs").path("version").asText()).isEqualTo("8.17.0"));
    }

    @Test
    void everyCefLineIsValidAndLongValuesAreCutVisibly() {
        CefDictionary dictionary = CefDictionary.load();
        List<String> lines = export("cef", null);
        Report report = validate(lines, dictionary::validate, line -> line.split("(?<!\\\\)\\|")[4]);
        report.assertValid("CEF", published);
        assertThat(lines).anySatisfy(line -> assertThat(line).contains("…|"));
    }

    @Test
    void aVersionTheFormatDoesNotHaveIsABadRequest() {
        given().queryParam("version", "1.9.9").get("/v1/audit/export/ocsf").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("1.1.0, 1.8.0"));
        given().queryParam("version", "8.0.0").get("/v1/audit/export/ecs").then().statusCode(400);
        given().queryParam("version", "1").get("/v1/audit/export/cef").then().statusCode(400);
    }

    private static List<String> export(String format, String version) {
        var request = given();
        if (version != null) {
            request.queryParam("version", version);
        }
        return request.get("/v1/audit/export/" + format).then().statusCode(200).extract().asString().lines().toList();
    }

    private static JsonNode json(String line) {
        try {
            return JSON.readTree(line);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + line, e);
        }
    }

    private static Report validate(List<String> lines, Function<String, List<String>> validator, Function<String, String> action) {
        Map<String, Integer> byAction = new TreeMap<>();
        List<String> examples = new ArrayList<>();
        int invalid = 0;
        for (String line : lines) {
            byAction.merge(action.apply(line), 1, Integer::sum);
            List<String> errors = validator.apply(line);
            if (!errors.isEmpty()) {
                invalid++;
                if (examples.size() < 20) {
                    examples.add(errors + " in " + line);
                }
            }
        }
        return new Report(lines.size(), byAction, invalid, examples);
    }

    private record Report(int records, Map<String, Integer> byAction, int invalid, List<String> examples) {

        void assertValid(String format, Set<String> published) {
            System.out.printf("%s: %d records validated, %d invalid, by action %s%n", format, records, invalid, byAction);
            assertThat(examples).as(format + ": " + invalid + " invalid records, the first of them").isEmpty();
            assertThat(byAction.keySet()).as(format + ": every action kind exported").containsAll(published);
            assertThat(records).isGreaterThanOrEqualTo(ROUNDS * 26);
        }
    }
}

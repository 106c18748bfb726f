package dev.connectplane.audit.siem;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.connectplane.audit.mapping.AuditAction;
import dev.connectplane.audit.repository.AuditRecord;
import dev.connectplane.testing.siem.CefDictionary;
import dev.connectplane.testing.siem.EcsSchema;
import dev.connectplane.testing.siem.OcsfSchema;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Each format's fields for every action, checked against the official schema data. */
class SiemFormatsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final OcsfSchema OCSF_1_1 = OcsfSchema.version("1.1.0");
    private static final OcsfSchema OCSF_1_8 = OcsfSchema.version("1.8.0");
    private static final EcsSchema ECS_8_17 = EcsSchema.version("8.17.0", "connect.");
    private static final EcsSchema ECS_9_4 = EcsSchema.version("9.4.0", "connect.");
    private static final CefDictionary CEF = CefDictionary.load();

    private static AuditRecord record(String action, String serverName, JsonObject details) {
        return new AuditRecord(1L, 7L, "evt-1", "connect.x.v1", true, OffsetDateTime.parse("2026-11-28T05:00:00.123Z"),
                OffsetDateTime.parse("2026-11-28T05:00:00.200Z"), "alice", "user", List.of("DevOps"), action,
                AuditAction.named(action).isFailure() ? "failure" : "success",
                "srv1", serverName, "tok1", "deploy", List.of("v1"), List.of("Kubernetes"), "grp1", "Ops", "cmd-1",
                "connect.servers.events", 0, 42L, details, "a".repeat(64), "b".repeat(64));
    }

    private static AuditRecord bare(String action) {
        return new AuditRecord(2L, 8L, "evt-2", "connect.y.v1", false, OffsetDateTime.parse("2026-11-28T05:00:00Z"),
                OffsetDateTime.parse("2026-11-28T05:00:01Z"), null, null, List.of(), action, "unknown", null, null, null,
                null, List.of(), List.of(), null, null, null, "connect.tokens.events", 3, 9L, new JsonObject(), null, null);
    }

    static Stream<String> actions() {
        return Stream.concat(AuditAction.known().stream().map(AuditAction::name), Stream.of("unknown"));
    }

    @ParameterizedTest
    @MethodSource("actions")
    void everyActionIsValidOcsfInBothVersionsWithItsClassesObjects(String action) throws Exception {
        JsonObject details = new JsonObject().put("command_type", "token.delete").put("key_id", "k1").put("scope", "server")
                .put("problem", new JsonObject().put("detail", "no such token"));
        for (AuditRecord record : List.of(record(action, "Prod", details), bare(action))) {
            for (OcsfSchema schema : List.of(OCSF_1_1, OCSF_1_8)) {
                JsonObject event = new OcsfMapper("0.1.0", schema.version()).toOcsf(record);
                assertThat(schema.validate(JSON.readTree(event.encode()))).as(schema.version() + " " + event.encode()).isEmpty();
                assertThat(event.getInteger("class_uid")).isEqualTo(AuditAction.named(action).ocsf().eventClass().uid());
                assertThat(event.getJsonObject("metadata").getString("uid")).isEqualTo(record.eventId());
                assertThat(event.getJsonObject("unmapped").getJsonObject("connect").getString("action")).isEqualTo(action);
            }
        }
    }

    @Test
    void eachClassPutsItsTargetWhereTheClassWantsIt() {
        OcsfMapper mapper = new OcsfMapper("0.1.0", "1.1.0");
        JsonObject details = new JsonObject().put("scope", "server").put("command_type", "server.create");
        assertThat(mapper.toOcsf(record("server.create", "Prod", details)).getJsonObject("entity").getString("uid")).isEqualTo("srv1");
        assertThat(mapper.toOcsf(record("token.revoke", "Prod", details)).getJsonObject("entity").getString("uid")).isEqualTo("tok1");
        JsonObject grant = mapper.toOcsf(record("vault.grant", "Prod", details));
        assertThat(grant.getJsonObject("user").getString("uid")).isEqualTo("srv1");
        assertThat(grant.getJsonObject("resource").getString("uid")).isEqualTo("v1");
        JsonObject groupGrant = mapper.toOcsf(record("group.grant", "Prod", details));
        assertThat(groupGrant.getJsonObject("group").getString("uid")).isEqualTo("grp1");
        assertThat(groupGrant.getJsonArray("privileges").getList()).containsExactly("manage server");
        JsonObject command = mapper.toOcsf(record("command.accept", "Prod", details));
        assertThat(command.getLong("type_uid")).isEqualTo(600301L);
        assertThat(command.getJsonObject("api").getString("operation")).isEqualTo("server.create");
        assertThat(mapper.toOcsf(bare("unknown")).getInteger("class_uid")).isZero();
    }

    @ParameterizedTest
    @MethodSource("actions")
    void everyActionIsValidEcsInBothVersions(String action) throws Exception {
        for (AuditRecord record : List.of(record(action, "Prod", new JsonObject().put("n", 1)), bare(action))) {
            for (EcsSchema schema : List.of(ECS_8_17, ECS_9_4)) {
                JsonObject doc = new EcsMapper(schema.version()).toEcs(record);
                assertThat(schema.validate(JSON.readTree(doc.encode()))).as(schema.version() + " " + doc.encode()).isEmpty();
                assertThat(doc.getJsonObject("ecs").getString("version")).isEqualTo(schema.version());
            }
        }
    }

    @Test
    void ecsHasTheEventUserAndGroupFieldsAndOursUnderConnect() {
        JsonObject doc = new EcsMapper("8.17.0").toEcs(record("token.revoke", "Prod", new JsonObject()));
        assertThat(doc.getString("@timestamp")).isEqualTo("2026-11-28T05:00:00.123Z");
        JsonObject event = doc.getJsonObject("event");
        assertThat(event.getString("kind")).isEqualTo("event");
        assertThat(event.getJsonArray("category").getList()).containsExactly("iam");
        assertThat(event.getJsonArray("type").getList()).containsExactly("deletion");
        assertThat(event.getString("action")).isEqualTo("token.revoke");
        assertThat(event.getString("outcome")).isEqualTo("success");
        assertThat(event.getString("id")).isEqualTo("evt-1");
        assertThat(doc.getJsonObject("user").getString("id")).isEqualTo("alice");
        assertThat(doc.getJsonObject("user").getJsonObject("group").getJsonArray("name").getList()).containsExactly("DevOps");
        assertThat(doc.getJsonObject("related").getJsonArray("user").getList()).containsExactly("alice");
        assertThat(doc.getJsonObject("group").getString("id")).isEqualTo("grp1");
        assertThat(doc.getJsonObject("labels").getString("source_offset")).isEqualTo("42");
        assertThat(doc.getJsonObject("connect").getJsonObject("server").getString("id")).isEqualTo("srv1");
    }

    @Test
    void cefEscapesPipesBackslashesEqualsAndLineBreaks() {
        CefFormatter cef = new CefFormatter("1.0|beta");
        String line = cef.toCef(record("server.create", "a|b\\c=d\ne\rf", new JsonObject().put("note", "x=y\nz")));
        assertThat(line).startsWith("CEF:0|Connect Control Plane|connect-control-plane|1.0\\|beta|server.create|");
        assertThat(line).contains("server a\\|b\\\\c=d e f (srv1)");
        assertThat(line).contains("cs2=a|b\\\\c\\=d\\ne\\rf ");
        assertThat(line).contains("msg={\"note\":\"x\\=y\\\\nz\"}");
        assertThat(line).doesNotContain("\n").doesNotContain("\r");
        assertThat(CEF.validate(line)).isEmpty();
        assertThat(CefFormatter.header("p|q\\r")).isEqualTo("p\\|q\\\\r");
        assertThat(CefFormatter.extensionValue("k=v\\w\nx")).isEqualTo("k\\=v\\\\w\\nx");
    }

    @Test
    void cefCutsValuesToTheDictionaryLengthsAndMarksTheCut() {
        String longId = "e".repeat(80);
        AuditRecord record = new AuditRecord(1L, 7L, longId, "connect.x.v1", true, OffsetDateTime.parse("2026-11-28T05:00:00Z"),
                OffsetDateTime.parse("2026-11-28T05:00:00Z"), "alice", "user", List.of(), "server.create", "success", "srv1",
                "n=".repeat(400) + "\uD83D\uDE00".repeat(300), null, null, List.of(), List.of(), null, null, null,
                "connect.servers.events", 0, 1L, new JsonObject().put("big", "x\\".repeat(1500)), null, null);
        String line = new CefFormatter("0.1.0").toCef(record);
        assertThat(CEF.validate(line)).isEmpty();
        assertThat(line).contains("externalId=" + "e".repeat(39) + CefFormatter.TRUNCATED + " ");
        assertThat(line).contains(CefFormatter.TRUNCATED + "|5|".replace("5", "3"));
        assertThat(line.substring(line.indexOf("msg="))).endsWith(CefFormatter.TRUNCATED);
        assertThat(CefFormatter.fit("abc", 3)).isEqualTo("abc");
        assertThat(CefFormatter.fit("abcd", 3)).isEqualTo("ab" + CefFormatter.TRUNCATED);
        assertThat(CefFormatter.fit("a\uD83D\uDE00", 2)).isEqualTo("a" + CefFormatter.TRUNCATED);
    }

    @ParameterizedTest
    @MethodSource("actions")
    void everyActionIsValidCef(String action) {
        List<String> errors = new ArrayList<>();
        for (AuditRecord record : List.of(record(action, "Prod = |\\ \"x\"", new JsonObject().put("a", "b")), bare(action))) {
            errors.addAll(CEF.validate(new CefFormatter("0.1.0").toCef(record)));
        }
        assertThat(errors).isEmpty();
    }

    @Test
    void theValidatorsFindWhatTheIssueFound() throws Exception {
        JsonNode oldOcsf = JSON.readTree("{\"class_uid\":3007,\"category_uid\":3,\"activity_id\":1,\"type_uid\":300701,"
                + "\"time\":1,\"severity_id\":1,\"metadata\":{\"version\":\"1.1.0\",\"product\":{\"name\":\"x\",\"vendor_name\":\"x\"}}}");
        assertThat(OCSF_1_1.validate(oldOcsf)).anyMatch(error -> error.startsWith("class_uid: 3007 is no class"));
        JsonNode entityWithResources = JSON.readTree("{\"class_uid\":3004,\"category_uid\":3,\"activity_id\":1,\"type_uid\":300401,"
                + "\"time\":1,\"severity_id\":1,\"resources\":[],\"actor\":{\"user\":{\"uid\":\"a\"}},\"entity\":{\"uid\":\"t\"},"
                + "\"activity_name\":\"Delete\",\"metadata\":{\"version\":\"1.1.0\",\"product\":{\"name\":\"x\",\"vendor_name\":\"x\"}}}");
        assertThat(OCSF_1_1.validate(entityWithResources)).contains("resources: no such attribute")
                .anyMatch(error -> error.startsWith("actor: belongs to profile"))
                .anyMatch(error -> error.startsWith("activity_name: 'Delete' is not the caption"));
        JsonNode oldEcs = JSON.readTree("{\"@timestamp\":\"2026-11-28T05:00:00Z\",\"event\":{\"category\":[\"configuration\"],"
                + "\"type\":[\"denied\"]},\"related\":{\"id\":[\"x\"]},\"labels\":{\"n\":3}}");
        assertThat(ECS_8_17.validate(oldEcs)).contains("ecs.version: required, missing", "related.id: not an ECS 8.17.0 field")
                .anyMatch(error -> error.startsWith("labels.n: must be a string"))
                .anyMatch(error -> error.startsWith("event.type: 'denied' is not expected with event.category 'configuration'"));
        assertThat(CEF.validate("CEF:0|a|b|c|d|e|3|externalId=" + "x".repeat(41) + " bogusKey=1"))
                .contains("externalId: 41 characters, more than 40", "extension key 'bogusKey' is not in the CEF dictionary");
    }
}

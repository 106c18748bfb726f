package dev.connectplane.audit.siem;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connectplane.audit.mapping.AuditAction;
import dev.connectplane.audit.repository.AuditRecord;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SiemFormatsTest {

    private static AuditRecord record(String action, String serverName, JsonObject details) {
        return new AuditRecord(1L, 7L, "evt-1", "connect.x.v1", true, OffsetDateTime.parse("2026-11-28T05:00:00.123Z"),
                OffsetDateTime.parse("2026-11-28T05:00:00.200Z"), "alice", "user", List.of("DevOps"), action, "success",
                "srv1", serverName, "tok1", "deploy", List.of("v1"), List.of("Kubernetes"), "grp1", "Ops", "cmd-1",
                "connect.servers.events", 0, 42L, details, "a".repeat(64), "b".repeat(64));
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
        assertThat(CefFormatter.header("p|q\\r")).isEqualTo("p\\|q\\\\r");
        assertThat(CefFormatter.extensionValue("k=v\\w\nx")).isEqualTo("k\\=v\\\\w\\nx");
    }

    @ParameterizedTest
    @ValueSource(strings = {"server.create", "server.rename", "server.delete", "vault.register", "group.register", "vault.grant",
            "vault.revoke", "group.grant", "group.revoke", "token.create", "token.rename", "token.revoke", "token.trim", "unknown"})
    void ocsfHasTheBaseFieldsAndTheClassesRequiredObjects(String action) {
        JsonObject event = new OcsfMapper("0.1.0").toOcsf(record(action, "Prod", new JsonObject()));
        AuditAction mapped = AuditAction.named(action);
        int classUid = event.getInteger("class_uid");
        assertThat(classUid).isEqualTo(mapped.ocsfClass());
        assertThat(event.getInteger("type_uid")).isEqualTo(classUid * 100 + event.getInteger("activity_id"));
        assertThat(event.getInteger("category_uid")).isEqualTo(classUid / 1000);
        assertThat(event.fieldNames()).contains("severity_id", "time", "status", "status_id", "actor", "metadata",
                "activity_name", "class_name");
        assertThat(event.getJsonObject("metadata").getJsonObject("product").getString("version")).isEqualTo("0.1.0");
        assertThat(event.getJsonObject("metadata").getString("uid")).isEqualTo("evt-1");
        assertThat(event.getLong("time")).isEqualTo(OffsetDateTime.parse("2026-11-28T05:00:00.123Z").toInstant().toEpochMilli());
        switch (classUid) {
            case 3001 -> assertThat(event.getJsonObject("user").getString("uid")).isEqualTo("srv1");
            case 3004 -> assertThat(event.getJsonObject("entity").getString("uid")).isEqualTo("tok1");
            case 3007 -> assertThat(event.getJsonObject("user").getString("uid")).isNotNull();
            default -> {
                assertThat(classUid).isEqualTo(6003);
                assertThat(event.getJsonObject("api").getString("operation")).isEqualTo(action);
                assertThat(event.getJsonObject("src_endpoint")).isNotNull();
            }
        }
    }

    @Test
    void ecsHasTheEventUserAndRelatedFields() {
        JsonObject doc = EcsMapper.toEcs(record("token.revoke", "Prod", new JsonObject()));
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
        assertThat(doc.getJsonObject("related").getJsonArray("id").getList()).containsExactly("srv1", "tok1", "grp1", "v1");
    }
}

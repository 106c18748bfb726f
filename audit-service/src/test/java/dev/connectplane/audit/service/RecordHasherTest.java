package dev.connectplane.audit.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connectplane.audit.repository.AuditRecord;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordHasherTest {

    private static AuditRecord record(String actor, String server) {
        return new AuditRecord(1L, null, "evt-1", "connect.server.created.v1", true,
                OffsetDateTime.parse("2026-11-28T05:00:00.123456Z"), OffsetDateTime.parse("2026-11-28T05:00:00.2Z"), actor,
                "user", List.of("DevOps"), "server.create", "success", server, "Prod", null, null, List.of(), List.of(),
                null, null, "cmd-1", "connect.servers.events", 0, 42L, new JsonObject().put("name", "Prod"), null, null);
    }

    @Test
    void theHashCoversContentPositionAndPreviousHash() {
        String hash = RecordHasher.hash(record("alice", "srv1"), 5, RecordHasher.GENESIS);
        assertThat(hash).matches("[0-9a-f]{64}");
        assertThat(RecordHasher.hash(record("alice", "srv1"), 5, RecordHasher.GENESIS)).isEqualTo(hash);
        assertThat(RecordHasher.hash(record("mallory", "srv1"), 5, RecordHasher.GENESIS)).isNotEqualTo(hash);
        assertThat(RecordHasher.hash(record("alice", "srv2"), 5, RecordHasher.GENESIS)).isNotEqualTo(hash);
        assertThat(RecordHasher.hash(record("alice", "srv1"), 6, RecordHasher.GENESIS)).isNotEqualTo(hash);
        assertThat(RecordHasher.hash(record("alice", "srv1"), 5, "1".repeat(64))).isNotEqualTo(hash);
    }
}

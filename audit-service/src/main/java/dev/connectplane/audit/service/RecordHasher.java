package dev.connectplane.audit.service;

import dev.connectplane.audit.repository.AuditRecord;
import io.vertx.core.json.JsonArray;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

/**
 * The hash of a record in the chain: SHA-256 over a canonical JSON array of every field of the
 * record, its chain position and the previous record's hash, in a fixed order (times as
 * microseconds since the epoch, the precision PostgreSQL keeps). Both the chainer and the
 * verifier hash records as read back from the database, so they see the same bytes.
 */
public final class RecordHasher {

    /** The previous hash of the first record. */
    public static final String GENESIS = "0".repeat(64);

    private RecordHasher() {
    }

    public static String hash(AuditRecord record, long seq, String prevHash) {
        JsonArray canonical = new JsonArray()
                .add(seq).add(prevHash).add(record.eventId()).add(record.eventType()).add(record.knownType())
                .add(micros(record.eventTime())).add(micros(record.ingestTime())).add(record.actorId())
                .add(record.actorType()).add(new JsonArray(record.actorGroups())).add(record.action()).add(record.outcome())
                .add(record.serverId()).add(record.serverName()).add(record.tokenId()).add(record.tokenName())
                .add(new JsonArray(record.vaultIds())).add(new JsonArray(record.vaultNames())).add(record.groupId())
                .add(record.groupName()).add(record.causationId()).add(record.sourceTopic()).add(record.sourcePartition())
                .add(record.sourceOffset()).add(record.details());
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.encode().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static long micros(OffsetDateTime time) {
        return ChronoUnit.MICROS.between(OffsetDateTime.parse("1970-01-01T00:00:00Z"), time);
    }
}

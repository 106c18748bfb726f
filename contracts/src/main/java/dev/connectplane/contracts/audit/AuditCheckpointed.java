package dev.connectplane.contracts.audit;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.connectplane.contracts.envelope.EventPayload;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Objects;

/**
 * A signed checkpoint of the audit chain's head: position {@code seq} had hash
 * {@code head_hash} at {@code checkpointed_at}. {@code signature} is a JWS (RFC 7515) in compact
 * serialization with detached content (header..signature), ES256, whose protected header names
 * the signing key in {@code kid}; the content it signs is {@link #signingInput()}. The key is kept
 * apart from the database, so that one who can change the database cannot sign a checkpoint for
 * a chain they cut short. Keyed by {@value #KEY}: one partition holds them all, in order.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record AuditCheckpointed(long seq, String headHash, OffsetDateTime checkpointedAt, String keyId, String signature)
        implements EventPayload {

    /** The record key and subject of every checkpoint. */
    public static final String KEY = "audit-chain";

    public AuditCheckpointed {
        if (seq < 1) {
            throw new IllegalArgumentException("seq must be a chain position, 1 or more");
        }
        Objects.requireNonNull(headHash, "headHash");
        Objects.requireNonNull(checkpointedAt, "checkpointedAt");
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(signature, "signature");
    }

    /**
     * What the signature covers: {@code {"seq":<seq>,"head_hash":"<hash>","checkpointed_at":"<ISO-8601 UTC, ms>"}},
     * exactly so, with no spaces.
     */
    public static String signingInput(long seq, String headHash, OffsetDateTime checkpointedAt) {
        return "{\"seq\":" + seq + ",\"head_hash\":\"" + headHash + "\",\"checkpointed_at\":\""
                + DateTimeFormatter.ISO_INSTANT.format(checkpointedAt.toInstant()) + "\"}";
    }

    /** {@link #signingInput(long, String, OffsetDateTime)} of this checkpoint. */
    public String signingInput() {
        return signingInput(seq, headHash, checkpointedAt);
    }

    @Override
    public String subject() {
        return KEY;
    }

    @Override
    public String partitionKey() {
        return KEY;
    }
}

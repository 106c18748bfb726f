package dev.connectplane.audit.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.OffsetDateTime;

/**
 * What a verification found.
 *
 * @param valid       whether every checked link holds
 * @param checked     records checked
 * @param headSeq     the last chain position checked
 * @param headHash    its hash: keep it elsewhere to detect a rewrite of the whole tail later
 * @param firstBroken the first broken link, or absent
 * @param unchained   records received but not yet chained (they are not covered yet)
 * @param checkpoint  what the signed checkpoints on {@code connect.audit.checkpoints} say of the
 *                    chain (a verification of the whole chain only)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChainVerification(boolean valid, long checked, long fromSeq, Long headSeq, String headHash,
                                BrokenLink firstBroken, long unchained, CheckpointCheck checkpoint) {

    /** The same verification with what the checkpoints say, failing it when they contradict the chain. */
    public ChainVerification with(CheckpointCheck check, BrokenLink contradiction) {
        return new ChainVerification(valid && contradiction == null, checked, fromSeq, headSeq, headHash,
                firstBroken != null ? firstBroken : contradiction, unchained, check);
    }

    /**
     * The chain against its newest signed checkpoints.
     *
     * @param status         {@code matches}: every checkpoint read agrees with the chain;
     *                       {@code records-missing}: one covers positions the chain no longer has;
     *                       {@code mismatch}: the hash at a checkpoint's position differs;
     *                       {@code none}: no checkpoint on the topic yet; {@code not-configured}
     * @param seq            the position of the checkpoint named (the newest, or the contradicted one)
     * @param read           checkpoints read whose signature holds
     * @param rejected       messages on the topic left out: not a checkpoint of ours, or a signature that does not hold
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CheckpointCheck(String status, Long seq, String headHash, OffsetDateTime checkpointedAt, String keyId,
                                  int read, int rejected) {

        public static CheckpointCheck notConfigured() {
            return new CheckpointCheck("not-configured", null, null, null, null, 0, 0);
        }
    }

    /** Where and why the chain breaks. */
    public record BrokenLink(long seq, String eventId, String reason) {
    }
}

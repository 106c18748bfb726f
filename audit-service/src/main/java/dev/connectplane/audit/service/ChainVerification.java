package dev.connectplane.audit.service;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What a verification found.
 *
 * @param valid       whether every checked link holds
 * @param checked     records checked
 * @param headSeq     the last chain position checked
 * @param headHash    its hash: keep it elsewhere to detect a rewrite of the whole tail later
 * @param firstBroken the first broken link, or absent
 * @param unchained   records received but not yet chained (they are not covered yet)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChainVerification(boolean valid, long checked, long fromSeq, Long headSeq, String headHash,
                                BrokenLink firstBroken, long unchained) {

    /** Where and why the chain breaks. */
    public record BrokenLink(long seq, String eventId, String reason) {
    }
}

package dev.connectplane.foundation.outbox;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;

/**
 * What the relay does with one round of rows, decided without I/O:
 * <ol>
 *   <li>before sending: a row larger than the broker takes is parked at once, and every later
 *       row of its key in the round is held back (it waits behind the parked row);</li>
 *   <li>after sending: a row the broker refused for good ({@link #isParkable}) is parked too; if
 *       any row failed in a way that can pass (the broker away), nothing is marked published and
 *       the round is sent again; otherwise every acknowledged row is marked published, except
 *       those whose key had a row parked earlier in the round, which wait behind it.</li>
 * </ol>
 */
final class RoundPlan {

    /** A row to set aside, and why. */
    record Parked(OutboxRecord record, String reason) {
    }

    private final List<OutboxRecord> toSend = new ArrayList<>();
    private final List<Parked> parkedBeforeSending = new ArrayList<>();
    private final Set<String> blocked = new HashSet<>();
    private final long maxRecordBytes;

    private RoundPlan(long maxRecordBytes) {
        this.maxRecordBytes = maxRecordBytes;
    }

    /** A plan to which the round's rows are {@linkplain #admit admitted} one by one, in seq order, as they are read. */
    static RoundPlan forRound(long maxRecordBytes) {
        return new RoundPlan(maxRecordBytes);
    }

    static RoundPlan of(List<OutboxRecord> round, long maxRecordBytes) {
        RoundPlan plan = forRound(maxRecordBytes);
        round.forEach(plan::admit);
        return plan;
    }

    /**
     * Takes the round's next row: true when it is to be sent; false when it is parked (too
     * large) or held back behind a parked row of its key.
     */
    boolean admit(OutboxRecord record) {
        if (blocked.contains(record.key())) {
            return false;
        }
        if (record.sizeBytes() > maxRecordBytes) {
            parkedBeforeSending.add(new Parked(record, "the record has about " + record.sizeBytes()
                    + " bytes, more than the " + maxRecordBytes + " the broker takes"));
            blocked.add(record.key());
            return false;
        }
        toSend.add(record);
        return true;
    }

    List<OutboxRecord> toSend() {
        return toSend;
    }

    List<Parked> parkedBeforeSending() {
        return parkedBeforeSending;
    }

    /** The outcome of sending {@link #toSend()}: failures by position, null where the broker acknowledged. */
    static Outcome afterSending(List<OutboxRecord> sent, List<Throwable> failures, List<Parked> parkedBefore) {
        List<Parked> parked = new ArrayList<>();
        boolean retry = false;
        for (int i = 0; i < sent.size(); i++) {
            Throwable failure = failures.get(i);
            if (failure != null && isParkable(failure)) {
                parked.add(new Parked(sent.get(i), failure.getClass().getSimpleName() + ": " + failure.getMessage()));
            } else if (failure != null) {
                retry = true;
            }
        }
        Map<String, Long> firstParkedSeq = new HashMap<>();
        for (Parked p : parkedBefore) {
            firstParkedSeq.merge(p.record().key(), p.record().seq(), Math::min);
        }
        for (Parked p : parked) {
            firstParkedSeq.merge(p.record().key(), p.record().seq(), Math::min);
        }
        List<OutboxRecord> published = new ArrayList<>();
        if (!retry) {
            for (int i = 0; i < sent.size(); i++) {
                OutboxRecord record = sent.get(i);
                Long blockedFrom = firstParkedSeq.get(record.key());
                if (failures.get(i) == null && (blockedFrom == null || record.seq() < blockedFrom)) {
                    published.add(record);
                }
            }
        }
        return new Outcome(published, parked, retry);
    }

    /**
     * The outcome of a round sent in one Kafka transaction: as {@link #afterSending}, except that
     * when any row failed the transaction is aborted and nothing of it is published. Rows the
     * broker refused for good are parked, and the rest go again in the next round at once; only
     * when nothing could be parked (the broker away) is the round a failure to retry after a pause.
     */
    static Outcome afterTransaction(List<OutboxRecord> sent, List<Throwable> failures, List<Parked> parkedBefore) {
        Outcome each = afterSending(sent, failures, parkedBefore);
        if (failures.stream().allMatch(Objects::isNull)) {
            return each;
        }
        return new Outcome(List.of(), each.parked(), each.parked().isEmpty());
    }

    /** A refusal the broker will repeat for ever: the record itself is wrong for it. */
    static boolean isParkable(Throwable failure) {
        return failure instanceof RecordTooLargeException || failure instanceof RecordBatchTooLargeException
                || failure instanceof InvalidTopicException || failure instanceof InvalidRecordException
                || failure instanceof SerializationException;
    }

    /**
     * @param published rows to mark published
     * @param parked    rows the broker refused for good, to park
     * @param retry     whether some row failed in a way that can pass: send the round again
     */
    record Outcome(List<OutboxRecord> published, List<Parked> parked, boolean retry) {
    }
}

package dev.connectplane.foundation.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.NetworkException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.junit.jupiter.api.Test;

/** What the relay parks, sends, marks and sends again, for each mix of outcomes in a round. */
class RoundPlanTest {

    private static final long MAX = 1_000;

    @Test
    void anOversizedRowIsParkedBeforeSendingAndTheLaterRowsOfItsKeyAreHeldBack() {
        List<OutboxRecord> round = List.of(row(1, "a", 10), row(2, "b", 5_000), row(3, "b", 10), row(4, "c", 10));

        RoundPlan plan = RoundPlan.of(round, MAX);

        assertThat(plan.parkedBeforeSending()).extracting(p -> p.record().seq()).containsExactly(2L);
        assertThat(plan.parkedBeforeSending().get(0).reason()).contains("bytes");
        assertThat(plan.toSend()).extracting(OutboxRecord::seq).containsExactly(1L, 4L);
    }

    @Test
    void everyAcknowledgedRowIsPublishedWhenNothingFailed() {
        List<OutboxRecord> sent = List.of(row(1, "a", 10), row(2, "b", 10));

        RoundPlan.Outcome outcome = RoundPlan.afterSending(sent, failures(null, null), List.of());

        assertThat(outcome.published()).extracting(OutboxRecord::seq).containsExactly(1L, 2L);
        assertThat(outcome.parked()).isEmpty();
        assertThat(outcome.retry()).isFalse();
    }

    @Test
    void aRefusalForGoodIsParkedAndTheLaterAcknowledgedRowsOfItsKeyWaitBehindIt() {
        List<OutboxRecord> sent = List.of(row(1, "a", 10), row(2, "b", 10), row(3, "b", 10), row(4, "c", 10));

        RoundPlan.Outcome outcome = RoundPlan.afterSending(sent,
                failures(null, new RecordTooLargeException("too big"), null, null), List.of());

        assertThat(outcome.parked()).extracting(p -> p.record().seq()).containsExactly(2L);
        assertThat(outcome.parked().get(0).reason()).startsWith("RecordTooLargeException");
        assertThat(outcome.published()).extracting(OutboxRecord::seq).containsExactly(1L, 4L);
        assertThat(outcome.retry()).isFalse();
    }

    @Test
    void aFailureThatCanPassMarksNothingAndSendsTheRoundAgain() {
        List<OutboxRecord> sent = List.of(row(1, "a", 10), row(2, "b", 10), row(3, "c", 10));

        RoundPlan.Outcome outcome = RoundPlan.afterSending(sent,
                failures(null, new NetworkException("disconnected"), new RecordTooLargeException("too big")), List.of());

        assertThat(outcome.retry()).isTrue();
        assertThat(outcome.published()).isEmpty();
        assertThat(outcome.parked()).extracting(p -> p.record().seq()).containsExactly(3L);
    }

    @Test
    void aRowOfAKeyParkedBeforeSendingIsNotPublishedEvenIfEarlierSeqRowsOfOtherKeysAre() {
        OutboxRecord oversized = row(2, "b", 5_000);
        List<OutboxRecord> sent = List.of(row(1, "b", 10), row(3, "a", 10));

        RoundPlan.Outcome outcome = RoundPlan.afterSending(sent, failures(null, null),
                List.of(new RoundPlan.Parked(oversized, "too big")));

        assertThat(outcome.published()).extracting(OutboxRecord::seq).containsExactly(1L, 3L);
    }

    @Test
    void inATransactionAllAcknowledgedIsPublishedWhenNothingFailed() {
        List<OutboxRecord> sent = List.of(row(1, "a", 10), row(2, "b", 10));

        RoundPlan.Outcome outcome = RoundPlan.afterTransaction(sent, failures(null, null), List.of());

        assertThat(outcome.published()).extracting(OutboxRecord::seq).containsExactly(1L, 2L);
        assertThat(outcome.retry()).isFalse();
    }

    @Test
    void inATransactionARefusalForGoodParksTheRowAndSendsTheRestAgainAtOnce() {
        List<OutboxRecord> sent = List.of(row(1, "a", 10), row(2, "b", 10), row(3, "c", 10));

        RoundPlan.Outcome outcome = RoundPlan.afterTransaction(sent,
                failures(null, new RecordTooLargeException("too big"), new KafkaException("aborted: an earlier send failed")),
                List.of());

        assertThat(outcome.published()).isEmpty();
        assertThat(outcome.parked()).extracting(p -> p.record().seq()).containsExactly(2L);
        assertThat(outcome.retry()).isFalse();
    }

    @Test
    void inATransactionAFailureThatCanPassPublishesNothingAndIsRetried() {
        List<OutboxRecord> sent = List.of(row(1, "a", 10), row(2, "b", 10));

        RoundPlan.Outcome outcome = RoundPlan.afterTransaction(sent, failures(null, new NetworkException("gone")), List.of());

        assertThat(outcome.published()).isEmpty();
        assertThat(outcome.parked()).isEmpty();
        assertThat(outcome.retry()).isTrue();
    }

    private static List<Throwable> failures(Throwable... outcomes) {
        return Arrays.asList(outcomes);
    }

    private static OutboxRecord row(long seq, String key, int payloadChars) {
        return new OutboxRecord(seq, "event-" + seq, "connect.server.renamed.v1", "connect.servers.events", key,
                "x".repeat(payloadChars), null, OffsetDateTime.now(), null);
    }
}

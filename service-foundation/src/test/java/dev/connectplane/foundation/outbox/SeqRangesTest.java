package dev.connectplane.foundation.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class SeqRangesTest {

    @Test
    void noSeqsAreNoRuns() {
        SeqRanges ranges = SeqRanges.of(new Long[0]);
        assertThat(ranges.lows()).isEmpty();
        assertThat(ranges.highs()).isEmpty();
        assertThat(ranges.size()).isZero();
    }

    @Test
    void aCascadeIsOneRun() {
        Long[] seqs = LongStream.rangeClosed(1_000, 20_999).boxed().toArray(Long[]::new);
        SeqRanges ranges = SeqRanges.of(seqs);
        assertThat(ranges.lows()).containsExactly(1_000L);
        assertThat(ranges.highs()).containsExactly(20_999L);
        assertThat(ranges.size()).isEqualTo(20_000);
    }

    @Test
    void gapsSplitRunsWhateverTheOrder() {
        SeqRanges ranges = SeqRanges.of(new Long[] {9L, 3L, 4L, 5L, 12L, 10L, 7L});
        assertThat(ranges.lows()).containsExactly(3L, 7L, 9L, 12L);
        assertThat(ranges.highs()).containsExactly(5L, 7L, 10L, 12L);
        assertThat(ranges.size()).isEqualTo(7);
    }

    @Test
    void aRepeatedSeqCountsOnce() {
        SeqRanges ranges = SeqRanges.of(new Long[] {4L, 4L, 5L});
        assertThat(ranges.lows()).containsExactly(4L);
        assertThat(ranges.highs()).containsExactly(5L);
    }
}

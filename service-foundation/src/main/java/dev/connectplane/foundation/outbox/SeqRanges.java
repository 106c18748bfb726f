package dev.connectplane.foundation.outbox;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A set of outbox seqs as runs of consecutive numbers, {@code lows[i]..highs[i]} inclusive: the
 * form in which the relay's read leaves out the rows being marked published. A cascade's 20,000
 * rows are one run; tested as a list of 20,000 seqs ({@code seq <> all(...)}), each of the rows
 * still unmarked cost PostgreSQL a pass over the whole list, and the read after a cascade took
 * 120–240 ms.
 */
record SeqRanges(Long[] lows, Long[] highs) {

    static final SeqRanges NONE = new SeqRanges(new Long[0], new Long[0]);

    static SeqRanges of(Long[] seqs) {
        if (seqs.length == 0) {
            return NONE;
        }
        Long[] sorted = seqs.clone();
        Arrays.sort(sorted);
        List<Long> lows = new ArrayList<>();
        List<Long> highs = new ArrayList<>();
        long low = sorted[0];
        long high = sorted[0];
        for (int i = 1; i < sorted.length; i++) {
            if (sorted[i] > high + 1) {
                lows.add(low);
                highs.add(high);
                low = sorted[i];
            }
            high = Math.max(high, sorted[i]);
        }
        lows.add(low);
        highs.add(high);
        return new SeqRanges(lows.toArray(Long[]::new), highs.toArray(Long[]::new));
    }

    /** How many seqs the runs hold. */
    long size() {
        long size = 0;
        for (int i = 0; i < lows.length; i++) {
            size += highs[i] - lows[i] + 1;
        }
        return size;
    }
}

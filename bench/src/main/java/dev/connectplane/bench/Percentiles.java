package dev.connectplane.bench;

import java.util.Arrays;

/** Nearest-rank percentiles of a set of samples in microseconds, printed in milliseconds. */
final class Percentiles {

    private final long[] sorted;

    Percentiles(long[] samplesMicros) {
        this.sorted = samplesMicros.clone();
        Arrays.sort(sorted);
    }

    double millis(double percentile) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(percentile / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1000.0;
    }

    int count() {
        return sorted.length;
    }

    String summary() {
        return String.format("p50 %.2f ms, p99 %.2f ms, max %.2f ms (n=%d)", millis(50), millis(99), millis(100), count());
    }
}

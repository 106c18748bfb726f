package dev.connectplane.bench;

import java.util.Locale;

/**
 * One line of the benchmark summary: what was measured, the target for it, and the
 * machine's ceiling for the same work measured in the same run (a bare Kafka producer, pgbench,
 * a JDBC read, curl), with the ratio of the two.
 *
 * @param name     what the figure is, e.g. "10,000-token cascade → last access change"
 * @param target   the target as the issue words it, e.g. "≤ 1000 ms"
 * @param measured the figure, in {@code unit}
 * @param ceiling  the ceiling in the same unit; NaN where there is none to measure
 * @param unit     e.g. "ms", "/s", "MiB", "s"
 * @param ceilingOf what the ceiling is, e.g. "bare producer, 20,001 records in one transaction"
 */
record Figure(String name, String target, double measured, double ceiling, String unit, String ceilingOf) {

    /** The prefix of the one machine-readable line each figure prints. */
    static final String PREFIX = "SUMMARY\t";

    /** Measured over ceiling: the share of the ceiling reached (rates), or how many times the floor (latencies). */
    double ratio() {
        return Double.isNaN(ceiling) || ceiling == 0 ? Double.NaN : measured / ceiling;
    }

    /** The machine-readable line: fields separated by tabs, numbers in plain decimal. */
    String line() {
        return PREFIX + String.join("\t", name, target, number(measured) + " " + unit,
                Double.isNaN(ceiling) ? "-" : number(ceiling) + " " + unit, ratioText(), ceilingOf);
    }

    String ratioText() {
        double ratio = ratio();
        return Double.isNaN(ratio) ? "-" : String.format(Locale.ROOT, "%.2f×", ratio);
    }

    static String number(double value) {
        if (Double.isNaN(value)) {
            return "-";
        }
        return Math.abs(value) >= 100 ? String.format(Locale.ROOT, "%.0f", value) : String.format(Locale.ROOT, "%.2f", value);
    }
}

package dev.connectplane.bench.faults;

import java.util.ArrayList;
import java.util.List;

/**
 * What a check of the acknowledged operations found: each count is of acknowledged operations
 * (or tokens) whose effect is wrong in that way, with a few samples to say which.
 */
public final class Findings {

    private static final int SAMPLES = 8;

    int lost;
    int resurrected;
    int duplicated;
    int outOfOrder;
    boolean chainIntact = true;
    final List<String> samples = new ArrayList<>();

    void lost(String what) {
        lost++;
        sample("lost: " + what);
    }

    void resurrected(String what) {
        resurrected++;
        sample("resurrected: " + what);
    }

    void duplicated(String what) {
        duplicated++;
        sample("duplicated: " + what);
    }

    void outOfOrder(String what) {
        outOfOrder++;
        sample("out of order: " + what);
    }

    void chainBroken(String what) {
        chainIntact = false;
        sample("audit chain: " + what);
    }

    private void sample(String what) {
        if (samples.size() < SAMPLES) {
            samples.add(what);
        }
    }

    public boolean clean() {
        return lost == 0 && resurrected == 0 && duplicated == 0 && outOfOrder == 0 && chainIntact;
    }

    public int lost() {
        return lost;
    }

    public int resurrected() {
        return resurrected;
    }

    public int duplicated() {
        return duplicated;
    }

    public int outOfOrder() {
        return outOfOrder;
    }

    public List<String> samples() {
        return List.copyOf(samples);
    }

    @Override
    public String toString() {
        return "lost " + lost + ", resurrected " + resurrected + ", duplicated " + duplicated + ", out of order "
                + outOfOrder + ", audit chain " + (chainIntact ? "intact" : "BROKEN") + (samples.isEmpty() ? "" : " " + samples);
    }
}

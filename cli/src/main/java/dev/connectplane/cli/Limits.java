package dev.connectplane.cli;

/** The {@code --limit} of a list command: every row when absent, else at least one. */
final class Limits {

    private Limits() {
    }

    static int of(Integer limit) {
        if (limit == null) {
            return Integer.MAX_VALUE;
        }
        if (limit < 1) {
            throw new CliException("--limit takes a whole number of at least 1", 2);
        }
        return limit;
    }
}

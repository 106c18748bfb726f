package dev.connectplane.foundation.paging;

import dev.connectplane.foundation.problem.ProblemException;
import java.util.List;

/**
 * One page of a list, as asked: at most {@code limit} rows after the row the cursor names (from
 * the start without one). Lists are ordered by a unique key, so a cursor stays valid while rows
 * are added: a page never repeats a row or skips one that was there when the first page was read.
 *
 * @param limit rows per page, {@value #DEFAULT_LIMIT} unless asked, at most {@value #MAX_LIMIT}
 * @param after the sort key of the last row of the previous page; empty for the first page
 */
public record PageRequest(int limit, List<String> after) {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    public PageRequest {
        after = List.copyOf(after);
    }

    /**
     * The page a request asks for, from its {@code limit} and {@code cursor} query parameters;
     * 400 {@code invalid-limit} or {@code invalid-cursor} when either is malformed.
     */
    public static PageRequest of(String limit, String cursor) {
        return new PageRequest(limitOf(limit), cursor == null || cursor.isBlank() ? List.of() : Cursors.decode(cursor));
    }

    /** The first page of {@code limit} rows. */
    public static PageRequest first(int limit) {
        return new PageRequest(limit, List.of());
    }

    public boolean fromStart() {
        return after.isEmpty();
    }

    /**
     * The previous page's last sort key, for a list whose key has {@code parts} values; 400
     * {@code invalid-cursor} for a cursor of a list with another key.
     */
    public List<String> afterKey(int parts) {
        if (after.size() != parts) {
            throw Cursors.invalid();
        }
        return after;
    }

    /** Rows to read: one more than the page, to tell whether another page follows. */
    public int fetchSize() {
        return limit + 1;
    }

    private static int limitOf(String text) {
        if (text == null || text.isBlank()) {
            return DEFAULT_LIMIT;
        }
        int limit;
        try {
            limit = Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest("invalid-limit", "limit is a whole number from 1 to " + MAX_LIMIT);
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ProblemException.badRequest("invalid-limit", "limit is from 1 to " + MAX_LIMIT + ", not " + limit);
        }
        return limit;
    }
}

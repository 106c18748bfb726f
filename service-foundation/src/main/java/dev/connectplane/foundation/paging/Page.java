package dev.connectplane.foundation.paging;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The rows of one page, and the cursor of the next page (absent on the last).
 */
public record Page<T>(List<T> items, Optional<String> nextCursor) {

    public Page {
        items = List.copyOf(items);
    }

    /**
     * The page out of the rows read for it ({@link PageRequest#fetchSize()}: one more than the
     * page when another follows), with the cursor made from the last row's sort key.
     */
    public static <T> Page<T> of(List<T> fetched, PageRequest request, Function<T, List<String>> sortKey) {
        if (fetched.size() <= request.limit()) {
            return new Page<>(fetched, Optional.empty());
        }
        List<T> items = fetched.subList(0, request.limit());
        return new Page<>(items, Optional.of(Cursors.encode(sortKey.apply(items.get(items.size() - 1)))));
    }

    /** The same page with its rows turned into others (views), in one step for the whole page. */
    public <R> Page<R> map(Function<List<T>, List<R>> rows) {
        return new Page<>(rows.apply(items), nextCursor);
    }
}

package dev.connectplane.foundation.paging;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Keyset paging in HQL: the condition "after this sort key" over a list's sort columns, e.g.
 * for {@code (name, id)}: {@code (name > :after0 or (name = :after0 and id > :after1))}, and its
 * named parameters. Rows are read with an index range, never skipped with an offset, so a page
 * costs the same at row 10 and at row 100,000, and rows added meanwhile do not shift the pages.
 */
public final class Keyset {

    private Keyset() {
    }

    /** The HQL condition that a row sorts after the key bound to {@code :after0 .. :afterN}. */
    public static String after(String... columns) {
        List<String> alternatives = new ArrayList<>();
        for (int i = 0; i < columns.length; i++) {
            StringBuilder alternative = new StringBuilder("(");
            for (int j = 0; j < i; j++) {
                alternative.append(columns[j]).append(" = :after").append(j).append(" and ");
            }
            alternatives.add(alternative.append(columns[i]).append(" > :after").append(i).append(')').toString());
        }
        return "(" + String.join(" or ", alternatives) + ")";
    }

    /**
     * One page of a repository's rows that match {@code condition}, in {@code order} (whose
     * columns are the sort key): the first page, or the rows after the cursor's key, read as
     * {@link PageRequest#fetchSize()} rows so that {@link Page#of} can tell whether more follow.
     *
     * @param typed the cursor's values as the columns' types (a timestamp, an enum), in order
     */
    public static <E, I> Uni<List<E>> page(PanacheRepositoryBase<E, I> repository, String condition, Parameters parameters,
                                           Sort order, PageRequest page, Function<List<String>, List<?>> typed) {
        if (page.fromStart()) {
            return repository.find(condition, order, parameters).range(0, page.limit()).list();
        }
        String[] columns = order.getColumns().stream().map(Sort.Column::getName).toArray(String[]::new);
        List<?> key = typed.apply(page.afterKey(columns.length));
        return repository.find(condition + " and " + after(columns), order, bind(parameters, key.toArray()))
                .range(0, page.limit()).list();
    }

    /** The key's values as the parameters {@code after0 .. afterN}, added to {@code parameters}. */
    public static Parameters bind(Parameters parameters, Object... key) {
        for (int i = 0; i < key.length; i++) {
            parameters.and("after" + i, key[i]);
        }
        return parameters;
    }
}

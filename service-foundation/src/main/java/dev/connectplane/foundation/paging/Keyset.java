package dev.connectplane.foundation.paging;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Keyset paging in HQL (and native SQL where HQL cannot say the condition): the condition
 * "after this sort key" over a list's sort columns, e.g.
 * for {@code (name, id)}: {@code (name > :after0 or (name = :after0 and id > :after1))}, and its
 * named parameters. Rows are read with an index range, never skipped with an offset, so a page
 * costs the same at row 10 and at row 100,000, and rows added meanwhile do not shift the pages.
 */
public final class Keyset {

    private Keyset() {
    }

    /** The HQL condition that a row sorts after the key bound to {@code :after0 .. :afterN}. */
    public static String after(String... columns) {
        return condition(columns, i -> ":after" + i);
    }

    /** The condition "after the key" over the columns, each value named by {@code parameter(i)}. */
    private static String condition(String[] columns, IntFunction<String> parameter) {
        List<String> alternatives = new ArrayList<>();
        for (int i = 0; i < columns.length; i++) {
            StringBuilder alternative = new StringBuilder("(");
            for (int j = 0; j < i; j++) {
                alternative.append(columns[j]).append(" = ").append(parameter.apply(j)).append(" and ");
            }
            alternatives.add(alternative.append(columns[i]).append(" > ").append(parameter.apply(i)).append(')').toString());
        }
        return "(" + String.join(" or ", alternatives) + ")";
    }

    /**
     * One page of a native SQL query, for a condition HQL cannot say (a caller's IDs as one array
     * parameter, {@code = any(?1)}): {@code select} binds {@code ?1} to {@code first}; the page is
     * ordered by the SQL {@code columns} (the sort key), limited with {@code ?2}, and after a
     * cursor's key (typed by {@code typed}) bound to {@code ?3 ..}.
     */
    public static <E> Uni<List<E>> nativePage(Uni<Mutiny.Session> session, String select, Class<E> type, Object first,
                                              String[] columns, PageRequest page, Function<List<String>, List<?>> typed) {
        List<?> key = page.fromStart() ? List.of() : typed.apply(page.afterKey(columns.length));
        String sql = select + (key.isEmpty() ? "" : " and " + condition(columns, i -> "?" + (i + 3)))
                + " order by " + String.join(", ", columns) + " limit ?2";
        return session.chain(opened -> {
            Mutiny.SelectionQuery<E> query = opened.createNativeQuery(sql, type)
                    .setParameter(1, first)
                    .setParameter(2, page.fetchSize());
            for (int i = 0; i < key.size(); i++) {
                query.setParameter(i + 3, key.get(i));
            }
            return query.getResultList();
        });
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

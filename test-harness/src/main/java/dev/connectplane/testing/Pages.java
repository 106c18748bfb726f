package dev.connectplane.testing;

import static io.restassured.RestAssured.given;

import dev.connectplane.contracts.paging.NextLink;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A paged list read whole, as a client does: the first page, then each page its
 * {@code Link: <...>; rel="next"} header names, until a page has none. For the tests' lists,
 * which grow with every test of the module's run and soon pass one page.
 */
public final class Pages {

    private Pages() {
    }

    /** Every row of the list at {@code path}, as the default caller, in pages of 1,000. */
    public static List<Map<String, Object>> all(String path) {
        return all(() -> given(), path);
    }

    /** Every row of the list at {@code path}, each page asked with a request from {@code request}. */
    public static List<Map<String, Object>> all(Supplier<RequestSpecification> request, String path) {
        List<Map<String, Object>> rows = new ArrayList<>();
        String next = path + (path.contains("?") ? "&" : "?") + "limit=1000";
        boolean first = true;
        while (next != null) {
            // a link is already percent-encoded, the first path is not
            Response page = first ? request.get().get(next) : request.get().urlEncodingEnabled(false).get(next);
            first = false;
            if (page.statusCode() != 200) {
                throw new AssertionError("GET " + next + " answered " + page.statusCode() + ": " + page.asString());
            }
            rows.addAll(page.jsonPath().getList(""));
            next = nextOf(page.header(NextLink.HEADER));
        }
        return rows;
    }

    /** One field of every row of the list. */
    @SuppressWarnings("unchecked")
    public static <T> List<T> field(String path, String field) {
        return all(path).stream().map(row -> (T) row.get(field)).toList();
    }

    /**
     * The path and query of the {@code rel="next"} link of a {@code Link} header, or null; it is
     * percent-encoded already, so ask it with {@code urlEncodingEnabled(false)}.
     */
    public static String nextOf(String link) {
        return NextLink.pathOf(Collections.singletonList(link));
    }
}

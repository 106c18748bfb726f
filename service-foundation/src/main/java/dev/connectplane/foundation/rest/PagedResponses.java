package dev.connectplane.foundation.rest;

import dev.connectplane.foundation.paging.Page;
import dev.connectplane.foundation.paging.PageRequest;
import jakarta.ws.rs.core.Link;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * How a list answers: the page's rows as a JSON array, and, when more follow, a
 * {@code Link: <…?cursor=…&limit=…>; rel="next"} header (RFC 8288) with the request's other
 * query parameters kept. The last page has no such link.
 */
public final class PagedResponses {

    /** How every list pages, for its OpenAPI description. */
    public static final String DESCRIPTION = "Answers at most `limit` rows (default 100, at most 1000). When more follow, "
            + "a `Link: <...>; rel=\"next\"` header names the next page: follow it as it is, until a page has none. "
            + "The cursor in it stays valid while rows are added.";
    public static final String LIMIT = "rows per page: 1 to 1000, default 100";
    public static final String CURSOR = "where the page starts: the cursor of the previous page's Link header, as it is";

    private PagedResponses() {
    }

    public static <T> Response ok(Page<T> page, PageRequest request, UriInfo uri) {
        Response.ResponseBuilder response = Response.ok(page.items());
        page.nextCursor().ifPresent(cursor -> response.links(Link.fromUri(uri.getRequestUriBuilder()
                        .replaceQueryParam("cursor", cursor)
                        .replaceQueryParam("limit", request.limit())
                        .build())
                .rel("next").build()));
        return response.build();
    }
}

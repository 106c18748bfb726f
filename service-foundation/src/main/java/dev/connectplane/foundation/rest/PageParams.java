package dev.connectplane.foundation.rest;

import dev.connectplane.foundation.paging.Page;
import dev.connectplane.foundation.paging.PageRequest;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * The paging parameters of a list endpoint ({@code @BeanParam PageParams page}): {@code limit}
 * and {@code cursor} from the query, and the request's URI for the next page's link.
 */
public class PageParams {

    @Parameter(description = PagedResponses.LIMIT)
    @QueryParam("limit")
    public String limit;

    @Parameter(description = PagedResponses.CURSOR)
    @QueryParam("cursor")
    public String cursor;

    @Context
    public UriInfo uri;

    private PageRequest request;

    /** The page asked for; 400 problems for a malformed limit or cursor. */
    public PageRequest request() {
        if (request == null) {
            request = PageRequest.of(limit, cursor);
        }
        return request;
    }

    /** The page as the answer: its rows, and the next page's {@code Link} when more follow. */
    public <T> Response ok(Page<T> page) {
        return PagedResponses.ok(page, request(), uri);
    }
}

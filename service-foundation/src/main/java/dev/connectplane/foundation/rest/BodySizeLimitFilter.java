package dev.connectplane.foundation.rest;

import dev.connectplane.foundation.problem.ProblemResponses;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import dev.connectplane.foundation.config.FoundationConfig;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses a request whose declared body is larger than {@code connect.http.max-body-bytes}
 * with a 413 problem document before the body is read. (A body sent without a length is cut by
 * the HTTP layer at {@code quarkus.http.limits.max-body-size}.)
 */
public class BodySizeLimitFilter {

    private final long maxBodyBytes;

    public BodySizeLimitFilter(FoundationConfig config) {
        this.maxBodyBytes = config.http().maxBodyBytes();
    }

    @ServerRequestFilter(preMatching = true)
    public Response refuseOversizedBodies(ContainerRequestContext request) {
        int length = request.getLength();
        if (length > maxBodyBytes) {
            return ProblemResponses.of(413, "body-too-large", "Request body too large",
                    "the request body has " + length + " bytes; at most " + maxBodyBytes + " are accepted", null);
        }
        return null;
    }
}

package dev.connectplane.foundation.auth;

import dev.connectplane.foundation.caller.CurrentCaller;
import dev.connectplane.foundation.problem.ProblemException;
import dev.connectplane.foundation.problem.ProblemResponses;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

/**
 * Authenticates every REST request to a resource not marked {@link PublicEndpoint}: a missing or
 * invalid bearer token is answered 401 with problem details and a {@code WWW-Authenticate}
 * challenge before the resource runs; a valid one becomes the request's {@link CurrentCaller}.
 * The request waits, off the event loop's thread, while an unknown signing key is looked up.
 * Health and OpenAPI are not REST resources and stay public.
 */
public class BearerAuthenticationFilter {

    private final BearerAuthentication authentication;
    private final CurrentCaller caller;

    public BearerAuthenticationFilter(BearerAuthentication authentication, CurrentCaller caller) {
        this.authentication = authentication;
        this.caller = caller;
    }

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
    public Uni<Response> authenticate(ContainerRequestContext request, SimpleResourceInfo resource) {
        if (resource.getResourceClass() == null
                || resource.getResourceClass().isAnnotationPresent(PublicEndpoint.class)) {
            return Uni.createFrom().nullItem();
        }
        return authentication.authenticate(request.getHeaderString(HttpHeaders.AUTHORIZATION))
                .invoke(caller::authenticated)
                .replaceWith((Response) null)
                .onFailure(ProblemException.class)
                .recoverWithItem(refusal -> ProblemResponses.of((ProblemException) refusal, request.getUriInfo()));
    }
}

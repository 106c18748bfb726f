package dev.connectplane.foundation.auth;

import dev.connectplane.foundation.caller.CurrentCaller;
import dev.connectplane.foundation.problem.ProblemException;
import dev.connectplane.foundation.problem.ProblemResponses;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

/**
 * Authenticates every REST request to a resource not marked {@link PublicEndpoint}: a missing or
 * invalid bearer token is answered 401 with problem details and a {@code WWW-Authenticate}
 * challenge before the resource runs; a valid one becomes the request's {@link CurrentCaller}.
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
    public Optional<Response> authenticate(ContainerRequestContext request, SimpleResourceInfo resource) {
        if (resource.getResourceClass() == null
                || resource.getResourceClass().isAnnotationPresent(PublicEndpoint.class)) {
            return Optional.empty();
        }
        try {
            caller.authenticated(authentication.authenticate(request.getHeaderString(HttpHeaders.AUTHORIZATION)));
            return Optional.empty();
        } catch (ProblemException e) {
            return Optional.of(ProblemResponses.of(e, request.getUriInfo()));
        }
    }
}

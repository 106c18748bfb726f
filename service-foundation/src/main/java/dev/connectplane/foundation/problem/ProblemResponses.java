package dev.connectplane.foundation.problem;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** Builds {@code application/problem+json} responses. */
public final class ProblemResponses {

    private ProblemResponses() {
    }

    public static Response of(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    /** The answer to a refused request, with its {@code WWW-Authenticate} challenge when it has one. */
    public static Response of(ProblemException e, UriInfo uriInfo) {
        Response response = of(e.toProblem(instance(uriInfo)));
        if (e.challenge() != null) {
            response.getHeaders().add("WWW-Authenticate", e.challenge());
        }
        return response;
    }

    public static Response of(int status, String slug, String title, String detail, UriInfo uriInfo) {
        return of(new Problem(Problem.TYPE_BASE + slug, title, status, detail, instance(uriInfo), null));
    }

    /** Seconds a client is told to wait before it tries a request that met an unavailable dependency again. */
    public static final int RETRY_AFTER_SECONDS = 2;

    /** 503 with {@code Retry-After}: a dependency is away or a projection behind; nothing was changed. */
    public static Response unavailable(String detail, UriInfo uriInfo) {
        Response response = of(503, "unavailable", "Service unavailable", detail, uriInfo);
        response.getHeaders().add("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
        return response;
    }

    static String instance(UriInfo uriInfo) {
        return uriInfo == null ? null : uriInfo.getRequestUri().getRawPath();
    }
}

package dev.connectplane.foundation.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.connectplane.foundation.faults.NotYetAvailable;
import dev.connectplane.foundation.faults.TransientFailures;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every failure of a request into RFC 9457 problem details: rule violations keep their
 * status, unreadable bodies are 400, framework errors keep theirs (404, 405, 406, 415), a
 * {@linkplain TransientFailures transient} failure (the database away, a projection behind) is a
 * 503 with {@code Retry-After}, and anything else unexpected is a 500 whose body says nothing of
 * the internals.
 */
public class ProblemExceptionMappers {

    private static final Logger LOG = Logger.getLogger(ProblemExceptionMappers.class);

    @ServerExceptionMapper
    public Response mapProblem(ProblemException e, @Context UriInfo uriInfo) {
        return ProblemResponses.of(e, uriInfo);
    }

    /** Declared apart so that a projection that is late never falls through to the 500 below. */
    @ServerExceptionMapper
    public Response mapNotYetAvailable(NotYetAvailable e, @Context UriInfo uriInfo) {
        return ProblemResponses.unavailable(e.getMessage(), uriInfo);
    }

    @ServerExceptionMapper
    public Response mapUnreadableJson(JsonProcessingException e, @Context UriInfo uriInfo) {
        return ProblemResponses.of(400, "malformed-body", "Malformed request body", describe(e), uriInfo);
    }

    /** Declared apart so that it wins over the framework's own mapper for this type. */
    @ServerExceptionMapper
    public Response mapMismatchedInput(MismatchedInputException e, @Context UriInfo uriInfo) {
        return mapUnreadableJson(e, uriInfo);
    }

    @ServerExceptionMapper
    public Response mapWebApplicationException(WebApplicationException e, @Context UriInfo uriInfo) {
        Throwable cause = e.getCause();
        if (cause instanceof JsonProcessingException json) {
            return mapUnreadableJson(json, uriInfo);
        }
        int status = e.getResponse().getStatus();
        if (status >= 500 && TransientFailures.isTransient(e)) {
            return unavailable(e, uriInfo);
        }
        if (status >= 500) {
            LOG.errorf(e, "request %s failed", ProblemResponses.instance(uriInfo));
            return ProblemResponses.of(500, "internal-error", "Internal error",
                    "the request could not be completed; it changed nothing that it had not committed", uriInfo);
        }
        Response.StatusType statusInfo = e.getResponse().getStatusInfo();
        String slug = statusInfo.getReasonPhrase().toLowerCase().replaceAll("[^a-z0-9]+", "-");
        String detail = switch (status) {
            case 400 -> e.getMessage() == null ? "the request is malformed" : e.getMessage();
            case 404 -> "there is nothing at this path";
            case 405 -> "this method is not allowed on this path";
            case 406 -> "the only representations served are application/json and application/problem+json";
            case 415 -> "the request body must be application/json";
            default -> statusInfo.getReasonPhrase();
        };
        return ProblemResponses.of(status, slug, statusInfo.getReasonPhrase(), detail, uriInfo);
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response mapUnexpected(Throwable e, @Context UriInfo uriInfo) {
        if (TransientFailures.isTransient(e)) {
            return unavailable(e, uriInfo);
        }
        LOG.errorf(e, "request %s failed unexpectedly", ProblemResponses.instance(uriInfo));
        return ProblemResponses.of(500, "internal-error", "Internal error",
                "the request could not be completed; it changed nothing that it had not committed", uriInfo);
    }

    private static Response unavailable(Throwable e, UriInfo uriInfo) {
        LOG.warnf("request %s answered 503, a dependency is unavailable: %s", ProblemResponses.instance(uriInfo),
                TransientFailures.describe(e));
        return ProblemResponses.unavailable("a service this request needs (the database or the broker) is "
                + "unavailable for the moment; the request changed nothing, try again", uriInfo);
    }

    private static String describe(JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            return "unknown field '" + unknown.getPropertyName() + "'";
        }
        if (e instanceof InvalidFormatException invalid) {
            return "field '" + path(invalid) + "' has a value of the wrong type";
        }
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            return "field '" + path(mapping) + "' is not valid: " + firstLine(e.getOriginalMessage());
        }
        return "the body is not valid JSON: " + firstLine(e.getOriginalMessage());
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."));
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }
}

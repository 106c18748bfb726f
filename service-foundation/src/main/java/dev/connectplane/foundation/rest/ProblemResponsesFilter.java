package dev.connectplane.foundation.rest;

import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;

/**
 * Makes every service's OpenAPI document say what each call can answer besides its own
 * results: the problem+json answers every operation shares (400 for malformed or unstorable
 * input, and for a paged list a malformed limit or cursor, 404 where the path names something, 401 and 403 where a bearer token is required,
 * 413 and 415 where there is a body, 503 with {@code Retry-After} when a dependency is away),
 * added where the resource did not describe them itself ({@code mp.openapi.filter}). The
 * OpenAPI fuzz test ({@code OpenApiFuzz}) fails on any answer a document does not list.
 */
public class ProblemResponsesFilter implements OASFilter {

    static final String PROBLEM = "application/problem+json";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        boolean secureByDefault = openAPI.getSecurity() != null && !openAPI.getSecurity().isEmpty();
        for (Map.Entry<String, PathItem> path : openAPI.getPaths().getPathItems().entrySet()) {
            for (Operation operation : path.getValue().getOperations().values()) {
                complete(path.getKey(), operation, secureByDefault);
            }
        }
    }

    private static void complete(String path, Operation operation, boolean secureByDefault) {
        APIResponses responses = operation.getResponses() == null ? OASFactory.createAPIResponses() : operation.getResponses();
        operation.setResponses(responses);
        add(responses, "400", (isPaged(operation) ? "a malformed limit or cursor, or other " : "") + "malformed input: "
                + "a parameter or body field that is invalid or too long, text that cannot be stored (NUL, a lone "
                + "surrogate), a null inside an array");
        if (path.contains("{")) {
            add(responses, "404", "nothing the caller may see is there (the same answer whether it exists or not)");
        }
        if (operation.getRequestBody() != null) {
            add(responses, "413", "the body is larger than connect.http.max-body-bytes");
            add(responses, "415", "the body is not of a media type this operation takes");
        }
        if (requiresBearer(operation, secureByDefault)) {
            add(responses, "401", "no valid bearer token for this API (missing, expired, another issuer or audience)");
            add(responses, "403", "the caller may not do this");
        }
        add(responses, "503", "a dependency (the database or the broker) is away, or what the request names has not "
                + "reached this service yet: try again after Retry-After");
    }

    /** A list read a page at a time ({@code PageParams}): it takes {@code limit} and {@code cursor}. */
    private static boolean isPaged(Operation operation) {
        return operation.getParameters() != null && operation.getParameters().stream()
                .anyMatch(parameter -> "cursor".equals(parameter.getName()));
    }

    private static boolean requiresBearer(Operation operation, boolean secureByDefault) {
        List<SecurityRequirement> security = operation.getSecurity();
        return security == null ? secureByDefault : !security.isEmpty();
    }

    private static void add(APIResponses responses, String status, String description) {
        if (responses.hasAPIResponse(status)) {
            return;
        }
        responses.addAPIResponse(status, OASFactory.createAPIResponse()
                .description(description)
                .content(OASFactory.createContent().addMediaType(PROBLEM, OASFactory.createMediaType()
                        .schema(OASFactory.createSchema().ref("#/components/schemas/Problem")))));
    }
}

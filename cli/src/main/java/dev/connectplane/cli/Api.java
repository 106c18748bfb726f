package dev.connectplane.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.connectplane.contracts.paging.NextLink;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The REST APIs as the caller: JSON in and out, and every refusal turned into one line from the
 * API's problem details ({@code title: detail}). The calls go through {@link HttpCalls}
 * ({@code HttpURLConnection}); JSON is read as trees by a plain Jackson mapper, without the
 * event codec's time module: the CLI prints what the API wrote and never binds a time.
 */
final class Api {

    static final ObjectMapper JSON = JsonMapper.builder()
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    /** Rows asked for per page of a list: the APIs' maximum. */
    static final int PAGE = 1000;

    private final GlobalOptions options;

    Api(GlobalOptions options) {
        this.options = options;
    }

    JsonNode get(String service, String path) {
        return send(service, path, "GET", null);
    }

    /**
     * Every row of a paged list, or the first {@code max}: pages of up to 1,000 rows, each next
     * page taken from the {@code Link: <...>; rel="next"} header of the one before, until a page
     * has none.
     */
    ArrayNode list(String service, String path, int max) {
        ArrayNode rows = JSON.createArrayNode();
        String next = withQuery(path, "limit=" + Math.min(PAGE, max));
        while (next != null && rows.size() < max) {
            HttpCalls.Answer answer = call(service, next, "GET", null);
            if (answer.status() >= 300) {
                throw refusal(answer.status(), answer.body());
            }
            JsonNode page = parse(answer.body());
            if (!page.isArray()) {
                throw new CliException("the API answered a list that is not a JSON array");
            }
            for (JsonNode row : page) {
                if (rows.size() < max) {
                    rows.add(row);
                }
            }
            next = NextLink.pathOf(answer.header(NextLink.HEADER));
        }
        return rows;
    }

    private static String withQuery(String path, String query) {
        return path + (path.contains("?") ? "&" : "?") + query;
    }

    JsonNode post(String service, String path, Object body) {
        return send(service, path, "POST", body);
    }

    JsonNode put(String service, String path) {
        return send(service, path, "PUT", null);
    }

    JsonNode patch(String service, String path, Object body) {
        return send(service, path, "PATCH", body);
    }

    void delete(String service, String path) {
        send(service, path, "DELETE", null);
    }

    /** A streamed GET (for exports): the body as it arrives. */
    InputStream stream(String service, String path) {
        try {
            return HttpCalls.stream(options.url(service) + path, options.authorization());
        } catch (HttpCalls.Refused refused) {
            throw refusal(refused.status(), refused.body());
        } catch (IOException e) {
            throw unreachable(service, e);
        }
    }

    /** One path segment, percent-encoded (names may hold spaces and slashes). */
    static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private JsonNode send(String service, String path, String method, Object body) {
        HttpCalls.Answer answer = call(service, path, method, body);
        if (answer.status() >= 300) {
            throw refusal(answer.status(), answer.body());
        }
        return parse(answer.body());
    }

    private static JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? JSON.nullNode() : JSON.readTree(body);
        } catch (IOException e) {
            throw new CliException("the API answered something that is not JSON: " + e.getMessage());
        }
    }

    private HttpCalls.Answer call(String service, String path, String method, Object body) {
        String json;
        try {
            json = body == null ? null : JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new CliException("cannot encode the request: " + e.getMessage());
        }
        try {
            return HttpCalls.exchange(options.url(service) + path, method, options.authorization(), json);
        } catch (IOException e) {
            throw unreachable(service, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted", 130);
        }
    }

    private CliException unreachable(String service, IOException e) {
        if (HttpCalls.isRefusedConnection(e)) {
            return new CliException("cannot reach " + service + "-service at " + options.url(service)
                    + " (is the stack up? ./connect-plane up)");
        }
        return new CliException(service + "-service at " + options.url(service) + " failed: " + e.getMessage());
    }

    private static CliException refusal(int status, String body) {
        try {
            JsonNode problem = JSON.readTree(body);
            String title = problem.path("title").asText("");
            String detail = problem.path("detail").asText("");
            if (!detail.isEmpty()) {
                return new CliException((title.isEmpty() ? "" : title + ": ") + detail + " (" + status + ")");
            }
        } catch (IOException | RuntimeException ignored) {
            // not problem details: fall back to the status alone
        }
        return new CliException("the API answered " + status);
    }
}

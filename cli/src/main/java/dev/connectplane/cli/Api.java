package dev.connectplane.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.connectplane.contracts.envelope.EventCodec;
import dev.connectplane.contracts.paging.NextLink;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The REST APIs as the caller: JSON in and out, and every refusal turned into one line from the
 * API's problem details ({@code title: detail}).
 */
final class Api {

    static final ObjectMapper JSON = EventCodec.mapper();
    // HTTP/1.1: the services speak it, and the default (HTTP/2, by an h2c upgrade on plain HTTP) costs a
    // start-up of its own on every command
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
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
            HttpResponse<String> response = exchange(service, next, request(service, next, "GET", null),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw refusal(response.statusCode(), response.body());
            }
            JsonNode page = parse(response.body());
            if (!page.isArray()) {
                throw new CliException("the API answered a list that is not a JSON array");
            }
            for (JsonNode row : page) {
                if (rows.size() < max) {
                    rows.add(row);
                }
            }
            next = NextLink.pathOf(response.headers().allValues(NextLink.HEADER));
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
        HttpResponse<InputStream> response = exchange(service, path, request(service, path, "GET", null),
                HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() >= 300) {
            try (InputStream body = response.body()) {
                throw refusal(response.statusCode(), new String(body.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new CliException("the API answered " + response.statusCode());
            }
        }
        return response.body();
    }

    /** One path segment, percent-encoded (names may hold spaces and slashes). */
    static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private JsonNode send(String service, String path, String method, Object body) {
        HttpResponse<String> response = exchange(service, path, request(service, path, method, body),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw refusal(response.statusCode(), response.body());
        }
        return parse(response.body());
    }

    private static JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? JSON.nullNode() : JSON.readTree(body);
        } catch (IOException e) {
            throw new CliException("the API answered something that is not JSON: " + e.getMessage());
        }
    }

    private HttpRequest request(String service, String path, String method, Object body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(options.url(service) + path))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", options.authorization())
                .header("Accept", "application/json");
        if (body == null) {
            return builder.method(method, HttpRequest.BodyPublishers.noBody()).build();
        }
        try {
            return builder.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build();
        } catch (IOException e) {
            throw new CliException("cannot encode the request: " + e.getMessage());
        }
    }

    private <T> HttpResponse<T> exchange(String service, String path, HttpRequest request,
                                         HttpResponse.BodyHandler<T> handler) {
        try {
            return HTTP.send(request, handler);
        } catch (ConnectException e) {
            throw new CliException("cannot reach " + service + "-service at " + options.url(service)
                    + " (is the stack up? ./connect-plane up)");
        } catch (IOException e) {
            throw new CliException(service + "-service at " + options.url(service) + " failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted", 130);
        }
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

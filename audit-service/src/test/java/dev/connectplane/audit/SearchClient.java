package dev.connectplane.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** What a SIEM user asks OpenSearch, over its REST API: searches, counts and aggregations on one index. */
final class SearchClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String index;

    SearchClient(String base, String index) {
        this.base = base;
        this.index = index;
    }

    /**
     * The documents matching a query body ({@code {"query": …}}), refreshed first so that every
     * acknowledged one counts; 0 while the index does not exist yet.
     */
    long count(String queryBody) {
        if (!exists()) {
            return 0;
        }
        refresh();
        return post("/" + index + "/_count", queryBody).path("count").asLong(-1);
    }

    private boolean exists() {
        try {
            return client.send(HttpRequest.newBuilder(URI.create(base + "/" + index)).timeout(Duration.ofSeconds(10))
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode() == 200;
        } catch (IOException e) {
            throw new IllegalStateException("HEAD /" + index + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A search with a body ({@code size}, {@code query}, {@code aggs}). */
    JsonNode search(String body) {
        refresh();
        return post("/" + index + "/_search", body);
    }

    /** Whether the node answers; false while it is down. */
    boolean answers() {
        try {
            return client.send(HttpRequest.newBuilder(URI.create(base + "/_cluster/health")).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void refresh() {
        post("/" + index + "/_refresh", "{}");
    }

    private JsonNode post(String path, String body) {
        try {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(base + path))
                    .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

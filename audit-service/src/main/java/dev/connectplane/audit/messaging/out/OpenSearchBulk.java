package dev.connectplane.audit.messaging.out;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * OpenSearch's REST API, as much as delivery needs: an ingest pipeline that stamps when the node
 * took each document ({@code PUT _ingest/pipeline}), the index template ({@code PUT
 * _index_template}) and the bulk API ({@code POST _bulk}, {@code index} actions, so that sending a
 * document again replaces it: the document ID is the record's event ID). The JDK's HTTP client,
 * asynchronous; works against Elasticsearch 7.10+/8 too, whose bulk and template APIs are the same.
 */
public final class OpenSearchBulk {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One document: its ID and its source. */
    public record Document(String id, String source) {
    }

    /**
     * What the store did with a bulk request.
     *
     * @param indexed   documents it took
     * @param retryable documents it refused for now (429, 5xx): the whole request is sent again
     * @param rejected  documents it refused for good (a 4xx such as a mapping error), by ID with the reason
     */
    public record Outcome(int indexed, int retryable, List<String> rejected) {
    }

    /** The store refused the request itself or could not be reached. */
    public static final class Unavailable extends RuntimeException {
        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
    private final URI base;
    private final String index;
    private final Optional<String> authorization;

    public OpenSearchBulk(String url, String index, Optional<String> username, Optional<String> passwordFile) {
        this.base = URI.create(url.endsWith("/") ? url : url + "/");
        if (base.getUserInfo() != null) {
            throw new IllegalStateException("connect.audit.delivery.url holds credentials; put the user in "
                    + "connect.audit.delivery.username and the password in the file connect.audit.delivery.password-file");
        }
        this.index = index;
        this.authorization = username.filter(name -> !name.isBlank()).map(name -> "Basic " + Base64.getEncoder()
                .encodeToString((name + ":" + password(passwordFile)).getBytes(StandardCharsets.UTF_8)));
    }

    public String index() {
        return index;
    }

    /**
     * Installs (or replaces) the ingest pipeline {@code <index>-ingested} from {@code pipelineResource}
     * and the index template for {@code index*} from {@code templateResource}, which makes that
     * pipeline the index's default.
     */
    public Uni<Void> installTemplate(String templateResource, String pipelineResource) {
        String pipeline = index + "-ingested";
        String template = resource(templateResource).replace("${INDEX}", index).replace("${PIPELINE}", pipeline);
        return put("_ingest/pipeline/" + pipeline, resource(pipelineResource), "the ingest pipeline")
                .chain(() -> put("_index_template/" + index, template, "the index template"));
    }

    private Uni<Void> put(String path, String body, String what) {
        return send(request(path).PUT(HttpRequest.BodyPublishers.ofString(body)))
                .map(response -> {
                    if (response.statusCode() / 100 != 2) {
                        throw new Unavailable(what + " was refused: " + response.statusCode() + " " + abbreviate(response.body()),
                                null);
                    }
                    return response;
                })
                .replaceWithVoid();
    }

    /** Sends the documents in one bulk request. */
    public Uni<Outcome> bulk(List<Document> documents) {
        StringBuilder body = new StringBuilder(documents.size() * 1200);
        for (Document document : documents) {
            body.append("{\"index\":{\"_index\":").append(quote(index)).append(",\"_id\":").append(quote(document.id()))
                    .append("}}\n").append(document.source()).append('\n');
        }
        return send(request("_bulk").setHeader("Content-Type", "application/x-ndjson")
                        .POST(HttpRequest.BodyPublishers.ofString(body.toString())))
                .map(OpenSearchBulk::outcome);
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json");
        authorization.ifPresent(value -> request.header("Authorization", value));
        return request;
    }

    private Uni<HttpResponse<String>> send(HttpRequest.Builder request) {
        return Uni.createFrom().completionStage(() -> client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString()))
                .onFailure().transform(failure -> new Unavailable("OpenSearch at " + base + " cannot be reached: " + failure,
                        failure));
    }

    private static Outcome outcome(HttpResponse<String> response) {
        if (response.statusCode() == 429 || response.statusCode() / 100 == 5) {
            throw new Unavailable("OpenSearch answered " + response.statusCode() + ": " + abbreviate(response.body()), null);
        }
        if (response.statusCode() / 100 != 2) {
            throw new Unavailable("OpenSearch refused the bulk request: " + response.statusCode() + " "
                    + abbreviate(response.body()), null);
        }
        JsonNode answer;
        try {
            answer = JSON.readTree(response.body());
        } catch (IOException e) {
            throw new Unavailable("OpenSearch's bulk answer is not JSON", e);
        }
        int indexed = 0;
        int retryable = 0;
        List<String> rejected = new ArrayList<>();
        for (JsonNode item : answer.path("items")) {
            JsonNode result = item.path("index");
            int status = result.path("status").asInt();
            if (status / 100 == 2) {
                indexed++;
            } else if (status == 429 || status / 100 == 5) {
                retryable++;
            } else {
                rejected.add(result.path("_id").asText() + ": " + status + " " + result.path("error").path("reason").asText());
            }
        }
        return new Outcome(indexed, retryable, rejected);
    }

    private static String resource(String resource) {
        try (InputStream in = OpenSearchBulk.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String password(Optional<String> passwordFile) {
        String file = passwordFile.filter(name -> !name.isBlank())
                .orElseThrow(() -> new IllegalStateException("connect.audit.delivery.username is set but password-file is not"));
        try {
            return Files.readString(Path.of(file.strip())).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the OpenSearch password file " + file, e);
        }
    }

    private static String quote(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String abbreviate(String text) {
        return text == null ? "" : text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }
}

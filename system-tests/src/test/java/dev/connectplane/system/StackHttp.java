package dev.connectplane.system;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * HTTP calls to the stack's services as one caller (a bearer token), counting every status
 * answered, so that a drill can say how many 5xx it met.
 */
final class StackHttp {

    /** One answer: its status, its body and its {@code Retry-After} header (or null). */
    record Answer(int status, String body, String retryAfter) {
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String authorization;
    private final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();

    StackHttp(String authorization) {
        this.authorization = authorization;
    }

    Answer get(String url) throws InterruptedException {
        return send("GET", url, null);
    }

    Answer post(String url, String json) throws InterruptedException {
        return send("POST", url, json);
    }

    Answer delete(String url) throws InterruptedException {
        return send("DELETE", url, null);
    }

    /** The request; a connection that fails (a service being restarted) counts as status 0. */
    Answer send(String method, String url, String json) throws InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Authorization", authorization);
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        Answer answer;
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            answer = new Answer(response.statusCode(), response.body(),
                    response.headers().firstValue("Retry-After").orElse(null));
        } catch (IOException e) {
            answer = new Answer(0, e.toString(), null);
        }
        statuses.computeIfAbsent(answer.status(), status -> new AtomicInteger()).incrementAndGet();
        return answer;
    }

    /** How many answers had a status from 500 to 599 other than 503 (a 503 says: try again). */
    int serverErrorsOtherThanUnavailable() {
        return statuses.entrySet().stream()
                .filter(entry -> entry.getKey() >= 500 && entry.getKey() != 503)
                .mapToInt(entry -> entry.getValue().get()).sum();
    }

    @Override
    public String toString() {
        return "statuses " + statuses;
    }
}

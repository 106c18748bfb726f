package dev.connectplane.bench.faults;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * HTTP as a drill's clients do it: a request refused before it was sent (the service down) or
 * answered 503 is sent again, as a client told "try again" does; one whose answer was lost after
 * it was sent (the service killed meanwhile) has an unknown outcome. Every status is counted.
 */
public final class DrillHttp {

    /** What became of a request. */
    public enum Kind {
        /** The service answered (any status). */
        ANSWERED,
        /** It never reached the service: safe to send again. */
        NOT_SENT,
        /** It was sent and no answer came back: it may or may not have taken effect. */
        UNKNOWN
    }

    /** One outcome. {@code status} is 0 unless answered. */
    public record Answer(Kind kind, int status, String body) {

        public boolean is(int expected) {
            return kind == Kind.ANSWERED && status == expected;
        }
    }

    private static final Duration RETRY_PAUSE = Duration.ofMillis(200);

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String authorization;
    private final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();

    public DrillHttp(String authorization) {
        this.authorization = authorization;
    }

    /** One attempt. */
    public Answer send(String method, String url, String json) throws InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Authorization", authorization);
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            statuses.computeIfAbsent(response.statusCode(), status -> new AtomicInteger()).incrementAndGet();
            return new Answer(Kind.ANSWERED, response.statusCode(), response.body());
        } catch (ConnectException | HttpConnectTimeoutException e) {
            return new Answer(Kind.NOT_SENT, 0, e.toString());
        } catch (IOException e) {
            return new Answer(Kind.UNKNOWN, 0, e.toString());
        }
    }

    /**
     * Sends until the service answers something other than 503, the request's outcome becomes
     * unknown, or {@code within} has passed (then the last outcome, NOT_SENT or a 503).
     */
    public Answer untilAnswered(String method, String url, String json, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            Answer answer = send(method, url, json);
            boolean again = answer.kind() == Kind.NOT_SENT || answer.is(503);
            if (!again || System.nanoTime() > deadline) {
                return answer;
            }
            Thread.sleep(RETRY_PAUSE.toMillis());
        }
    }

    /** Answers with a status from 500 to 599 other than 503 ("try again" is an answer, a 500 a bug). */
    public int serverErrors() {
        return statuses.entrySet().stream().filter(e -> e.getKey() >= 500 && e.getKey() != 503)
                .mapToInt(e -> e.getValue().get()).sum();
    }

    /** How many answers had each status. */
    public Map<Integer, Integer> statuses() {
        Map<Integer, Integer> copy = new TreeMap<>();
        statuses.forEach((status, count) -> copy.put(status, count.get()));
        return copy;
    }
}

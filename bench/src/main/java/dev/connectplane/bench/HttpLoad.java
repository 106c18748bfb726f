package dev.connectplane.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * Sends requests with at most {@code concurrency} in flight, optionally paced at a rate, and
 * keeps each answer's status, body and latency.
 */
final class HttpLoad {

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** The {@code Authorization} value of every management request: a manager's bearer token. */
    private static volatile String authorization;

    static void authenticateAs(String bearerAuthorization) {
        authorization = bearerAuthorization;
    }

    static String authorization() {
        return authorization;
    }

    /** A request builder that carries the manager's bearer token. */
    static HttpRequest.Builder request(String url) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url));
        return authorization == null ? builder : builder.header("Authorization", authorization);
    }

    /** What one batch of requests returned. */
    static final class Result {
        final ConcurrentLinkedQueue<String> okBodies = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<Long> latencyMicros = new ConcurrentLinkedQueue<>();
        final AtomicInteger failures = new AtomicInteger();
        /** Each failed answer's status ("error" where no answer came), with the first body seen for it. */
        final ConcurrentSkipListMap<String, AtomicInteger> failedStatuses = new ConcurrentSkipListMap<>();
        final ConcurrentHashMap<String, String> failedSamples = new ConcurrentHashMap<>();
        double seconds;

        void failed(String status, String sample) {
            failures.incrementAndGet();
            failedStatuses.computeIfAbsent(status, ignored -> new AtomicInteger()).incrementAndGet();
            failedSamples.putIfAbsent(status, sample.length() > 300 ? sample.substring(0, 300) + "…" : sample);
        }

        /** What the failures were, one line a status with its count and first body; empty when none failed. */
        String failureSummary() {
            StringBuilder lines = new StringBuilder();
            failedStatuses.forEach((status, count) -> lines.append(String.format("  %s × %d: %s%n", status, count.get(),
                    failedSamples.get(status))));
            return lines.toString();
        }

        long[] latencies() {
            return latencyMicros.stream().mapToLong(Long::longValue).toArray();
        }

        int ok() {
            return okBodies.size();
        }

        String summary(String what) {
            return String.format("%d ok, %d failed in %.2f s = %.0f %s/s; latency %s%n%s", ok(), failures.get(), seconds,
                    ok() / seconds, what, new Percentiles(latencies()).summary(), failureSummary()).stripTrailing();
        }
    }

    /**
     * @param requests   the i-th request
     * @param okStatuses statuses that count as success
     * @param rate       requests per second, or 0 for as fast as the concurrency allows
     */
    Result run(int count, int concurrency, int rate, IntFunction<HttpRequest> requests, List<Integer> okStatuses)
            throws InterruptedException {
        Semaphore permits = new Semaphore(concurrency);
        Result result = new Result();
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            if (rate > 0) {
                long wait = start + i * 1_000_000_000L / rate - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
            }
            permits.acquire();
            long sent = System.nanoTime();
            client.sendAsync(requests.apply(i), HttpResponse.BodyHandlers.ofString()).whenComplete((response, error) -> {
                result.latencyMicros.add((System.nanoTime() - sent) / 1000);
                if (error == null && okStatuses.contains(response.statusCode())) {
                    result.okBodies.add(response.body());
                } else if (error == null) {
                    result.failed(Integer.toString(response.statusCode()), response.body());
                } else {
                    result.failed("error", error.toString());
                }
                permits.release();
            });
        }
        permits.acquire(concurrency);
        result.seconds = (System.nanoTime() - start) / 1e9;
        return result;
    }

    HttpClient client() {
        return client;
    }

    String get(String url) throws Exception {
        return client.send(request(url).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    static HttpRequest postJson(String url, String body) {
        return request(url).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    static HttpRequest delete(String url) {
        return request(url).DELETE().build();
    }

    /** The first {@code "id"} value of a JSON body. */
    static String firstId(String body) {
        int start = body.indexOf("\"id\":\"") + 6;
        return body.substring(start, body.indexOf('"', start));
    }
}

package dev.connectplane.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One HTTP/1.1 exchange with a service, as the caller. {@link HttpURLConnection} rather than
 * {@code java.net.http}'s client: with the AOT cache, building that client and sending its first
 * request took 250–310 ms of a command on this machine (a selector thread and many lambdas,
 * which a cache trained without AOT class linking leaves out), {@code HttpURLConnection} 55 ms.
 * It knows no {@code PATCH} (it throws {@code ProtocolException}), so the renames go through
 * {@code java.net.http}, whose client is built only for them ({@link Patch}). Redirects are not
 * followed, as before: the services answer none.
 */
final class HttpCalls {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration READ_TIMEOUT = Duration.ofSeconds(60);
    private static final String JSON = "application/json";

    private HttpCalls() {
    }

    /** A status, its body as text, and its headers. */
    record Answer(int status, String body, Map<String, List<String>> headers) {

        /** The values of a header, whatever the case of its name. */
        List<String> header(String name) {
            for (Map.Entry<String, List<String>> header : headers.entrySet()) {
                if (header.getKey() != null && header.getKey().equalsIgnoreCase(name)) {
                    return header.getValue();
                }
            }
            return List.of();
        }
    }

    /** A streamed request the service refused: its status and problem details. */
    static final class Refused extends IOException {

        private final int status;
        private final String body;

        Refused(int status, String body) {
            super("refused with " + status);
            this.status = status;
            this.body = body;
        }

        int status() {
            return status;
        }

        String body() {
            return body;
        }
    }

    /** Sends {@code json} (null: no body) with {@code method} and reads the whole answer. */
    static Answer exchange(String url, String method, String authorization, String json)
            throws IOException, InterruptedException {
        if ("PATCH".equals(method)) {
            return Patch.exchange(url, authorization, json);
        }
        HttpURLConnection connection = open(url, method, authorization);
        if (json != null || "POST".equals(method) || "PUT".equals(method)) {
            byte[] bytes = json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8);
            if (json != null) {
                connection.setRequestProperty("Content-Type", JSON);
            }
            connection.setDoOutput(true);
            connection.setFixedLengthStreamingMode(bytes.length);
            try (OutputStream out = connection.getOutputStream()) {
                out.write(bytes);
            }
        }
        int status = connection.getResponseCode();
        return new Answer(status, bodyOf(connection), connection.getHeaderFields());
    }

    /** A GET whose body is read as it arrives; a refusal is a {@link Refused} with its body. */
    static InputStream stream(String url, String authorization) throws IOException {
        HttpURLConnection connection = open(url, "GET", authorization);
        int status = connection.getResponseCode();
        if (status >= 300) {
            throw new Refused(status, bodyOf(connection));
        }
        return connection.getInputStream();
    }

    /** Whether nothing listens at the address (the stack is down), as opposed to a failure on the way. */
    static boolean isRefusedConnection(IOException failure) {
        return failure instanceof ConnectException;
    }

    private static HttpURLConnection open(String url, String method, String authorization) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
        connection.setConnectTimeout((int) CONNECT_TIMEOUT.toMillis());
        connection.setReadTimeout((int) READ_TIMEOUT.toMillis());
        connection.setInstanceFollowRedirects(false);
        connection.setUseCaches(false);
        connection.setRequestMethod(method);
        connection.setRequestProperty("Authorization", authorization);
        connection.setRequestProperty("Accept", JSON);
        return connection;
    }

    /** The body of any status: an error's comes on the error stream. */
    private static String bodyOf(HttpURLConnection connection) throws IOException {
        try (InputStream body = streamOf(connection)) {
            return body == null ? "" : new String(body.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static InputStream streamOf(HttpURLConnection connection) {
        try {
            return connection.getInputStream();
        } catch (IOException refused) {
            return connection.getErrorStream();
        }
    }

    /** {@code PATCH}, which {@code HttpURLConnection} refuses: the JDK's HTTP client, built on first use. */
    private static final class Patch {

        private static final HttpClient HTTP = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT)
                .build();

        static Answer exchange(String url, String authorization, String json) throws IOException, InterruptedException {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                    .timeout(READ_TIMEOUT)
                    .header("Authorization", authorization)
                    .header("Accept", JSON)
                    .header("Content-Type", JSON)
                    .method("PATCH", HttpRequest.BodyPublishers.ofString(json == null ? "" : json))
                    .build();
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(), response.headers().map());
        }
    }
}

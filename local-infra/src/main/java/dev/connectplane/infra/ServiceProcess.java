package dev.connectplane.infra;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A service of the stack run from its packaged Quarkus jar as a child process, as in production, until closed. */
public final class ServiceProcess implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;

    private ServiceProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    public static ServiceProcess start(Path jar, int port, Map<String, String> environment, Path log) throws IOException {
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: run 'mvn -B -DskipTests package' first");
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(LocalJvm.SERVICE);
        // e.g. a flight recording of the services: CONNECT_SERVICE_JAVA_OPTS=-XX:StartFlightRecording=...
        String extra = System.getenv("CONNECT_SERVICE_JAVA_OPTS");
        if (extra != null && !extra.isBlank()) {
            command.addAll(List.of(extra.strip().split("\\s+")));
        }
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(new File("/dev/null"));
        LocalJvm.defaults(builder.environment());
        builder.environment().putAll(environment);
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        return new ServiceProcess(builder.start(), port, log);
    }

    /**
     * The environment that points a service at these endpoints, with token-service's key
     * encryption key and the identity issuer whose tokens the services trust.
     */
    public static Map<String, String> environment(Endpoints endpoints, String keyEncryptionKey, DevIssuer issuer) {
        return Map.of(
                "CONNECT_AUTH_PUBLIC_KEY_LOCATION", issuer.publicKeyFile().toString(),
                "CONNECT_DB_REACTIVE_URL", endpoints.reactiveUrl(),
                "CONNECT_DB_JDBC_URL", endpoints.jdbcUrl(),
                "CONNECT_DB_USER", endpoints.user(),
                "CONNECT_DB_PASSWORD", endpoints.password(),
                "CONNECT_KAFKA_BOOTSTRAP_SERVERS", endpoints.kafkaBootstrapServers(),
                "CONNECT_KAFKA_PARTITIONS", String.valueOf(endpoints.partitions()),
                "CONNECT_TOKEN_KEY_ENCRYPTION_KEY", keyEncryptionKey);
    }

    /** A fresh key encryption key (base64 of 32 random bytes), for a stack that lives for one run. */
    public static String newKeyEncryptionKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public void awaitReady(Duration timeout) throws InterruptedException {
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("service exited; see " + log);
            }
            try {
                HttpResponse<Void> response = client.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/q/health/ready"))
                        .build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("service not ready within " + timeout + "; see " + log);
    }

    /**
     * Whether this instance's outbox relay publishes now (its {@code connect.outbox.leader} gauge
     * is 1); false when it does not answer.
     */
    public boolean isRelayLeader() {
        try {
            HttpResponse<String> metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(baseUrl() + "/q/metrics")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return metrics.statusCode() == 200 && metrics.body().lines()
                    .filter(line -> line.startsWith("connect_outbox_leader ") || line.startsWith("connect_outbox_leader{"))
                    .anyMatch(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)) >= 1);
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public long residentKilobytes() {
        try {
            return Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status")).stream()
                    .filter(line -> line.startsWith("VmRSS:"))
                    .mapToLong(line -> Long.parseLong(line.replaceAll("[^0-9]", "")))
                    .findFirst().orElse(-1);
        } catch (IOException e) {
            return -1;
        }
    }

    public long pid() {
        return process.pid();
    }

    public int port() {
        return port;
    }

    /** SIGKILL, as a crash would: no shutdown hook runs, nothing is flushed or closed. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(20, TimeUnit.SECONDS);
    }

    /** SIGTERM without waiting: a graceful stop, for stopping several services at once before {@link #close()}. */
    public void requestStop() {
        process.destroy();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}

package dev.connectplane.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * The training run behind connectctl's class-data sharing: {@code ./connectctl} runs it once
 * after each build, under {@code -XX:ArchiveClassesAtExit} (JDK 17: a dynamic AppCDS archive)
 * or {@code -XX:AOTCacheOutput} (JDK 25: the AOT cache), so that every later command starts
 * with the classes of the common path already parsed, verified and linked. It runs the
 * commands users run most ({@code server get}, {@code server list}, {@code token list --server},
 * in human and JSON output) against an HTTP server in this JVM that answers as the services do,
 * with canned bodies; nothing leaves the machine and nothing is printed.
 */
public final class CdsTraining {

    private static final String SERVER = "{\"id\":\"r918a3ttv4lbf34grxtn8miwia\",\"name\":\"training\",\"state\":\"active\","
            + "\"vaults\":[{\"id\":\"v1\",\"name\":\"Kubernetes\"}],\"created_at\":\"2026-01-01T00:00:00.000Z\","
            + "\"updated_at\":\"2026-01-01T00:00:00.000Z\",\"creator_id\":\"admin\"}";
    private static final String TOKEN = "{\"id\":\"t1\",\"name\":\"training\",\"server_id\":\"r918a3ttv4lbf34grxtn8miwia\","
            + "\"state\":\"active\",\"vaults\":[{\"id\":\"v1\",\"name\":\"Kubernetes\",\"acl\":[\"read_items\"]}],"
            + "\"created_at\":\"2026-01-01T00:00:00.000Z\",\"expires_at\":null}";

    private CdsTraining() {
    }

    public static void main(String[] args) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", CdsTraining::answer);
        server.start();
        PrintStream out = System.out;
        PrintStream err = System.err;
        try (PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8)) {
            System.setOut(nowhere);
            System.setErr(nowhere);
            String url = "http://127.0.0.1:" + server.getAddress().getPort();
            String[] apis = {"--token", "training", "--server-api", url, "--token-api", url};
            for (String format : new String[] {"human", "json"}) {
                run(apis, "server", "get", "training", "--format", format);
                run(apis, "server", "list", "--format", format);
                run(apis, "token", "list", "--server", "training", "--format", format);
            }
        } finally {
            System.setOut(out);
            System.setErr(err);
            server.stop(0);
        }
    }

    private static void run(String[] apis, String... command) {
        String[] line = new String[command.length + apis.length];
        System.arraycopy(command, 0, line, 0, command.length);
        System.arraycopy(apis, 0, line, command.length, apis.length);
        ConnectCtl.run(line);
    }

    private static void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String body = path.endsWith("/tokens") ? "[" + TOKEN + "]"
                    : path.equals("/v1/servers") ? "[" + SERVER + "]"
                    : SERVER;
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }
}

package dev.connectplane.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * connectctl against a fake API (the JDK's HTTP server): what it sends, how it prints, and how it
 * fails. The real services are exercised by the system test.
 */
class ConnectCtlTest {

    private HttpServer api;
    private final Map<String, String> requests = new ConcurrentHashMap<>();
    private CapturedStreams streams;

    @TempDir
    Path dir;

    @BeforeEach
    void start() throws IOException {
        api = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        api.createContext("/", exchange -> {
            String key = exchange.getRequestMethod() + " " + exchange.getRequestURI();
            requests.put(key, exchange.getRequestHeaders().getFirst("Authorization") + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            Reply reply = reply(key);
            exchange.getResponseHeaders().add("Content-Type", reply.status() >= 400 ? "application/problem+json" : "application/json");
            if (reply.next() != null) {
                exchange.getResponseHeaders().add("Link", "<http://elsewhere.example" + reply.next() + ">; rel=\"next\"");
            }
            byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
            try (OutputStream stream = exchange.getResponseBody()) {
                stream.write(body);
            }
        });
        api.start();
        streams = CapturedStreams.capture();
    }

    @AfterEach
    void stop() {
        streams.close();
        api.stop(0);
    }

    record Reply(int status, String body, String next) {

        Reply(int status, String body) {
            this(status, body, null);
        }
    }

    private static final String SERVER = "{\"id\":\"s1\",\"name\":\"Prod\",\"state\":\"ACTIVE\",\"created_at\":\"2026-11-28T10:00:00Z\","
            + "\"creator_id\":\"admin\",\"tokens_version\":1,\"vaults\":[{\"id\":\"v1\",\"name\":\"Kubernetes\"}]}";

    private static volatile String verifyBody = "{}";

    private static Reply reply(String request) {
        if (request.equals("GET /v1/audit/verify")) {
            return new Reply(200, verifyBody);
        }
        if (request.startsWith("GET /v1/audit/export/ocsf")) {
            return new Reply(200, "{\"class_uid\":3004}\n");
        }
        if (request.equals("GET /v1/servers/Prod")) {
            return new Reply(200, SERVER);
        }
        if (request.equals("GET /v1/servers?limit=1000")) {
            return new Reply(200, "[" + SERVER + "]", "/v1/servers?cursor=c2&limit=1000");
        }
        if (request.equals("GET /v1/servers?cursor=c2&limit=1000")) {
            return new Reply(200, "[" + SERVER.replace("s1", "s2").replace("Prod", "Stage") + "]", "/v1/servers?cursor=c3&limit=1000");
        }
        if (request.equals("GET /v1/servers?cursor=c3&limit=1000")) {
            return new Reply(200, "[" + SERVER.replace("s1", "s3").replace("Prod", "Test") + "]");
        }
        if (request.equals("GET /v1/servers?limit=2")) {
            return new Reply(200, "[" + SERVER + "]", "/v1/servers?cursor=c2&limit=2");
        }
        if (request.equals("GET /v1/servers?cursor=c2&limit=2")) {
            return new Reply(200, "[" + SERVER.replace("s1", "s2").replace("Prod", "Stage") + "," + SERVER.replace("s1", "s3")
                    .replace("Prod", "Test") + "]", "/v1/servers?cursor=c9&limit=2");
        }
        if (request.equals("PATCH /v1/servers/Prod")) {
            return new Reply(200, SERVER.replace("Prod", "Live"));
        }
        if (request.equals("POST /v1/servers")) {
            return new Reply(201, "{\"server\":" + SERVER + ",\"credentials\":{\"version\":\"1\",\"server_id\":\"s1\","
                    + "\"secret\":\"s3cr3t\"}}");
        }
        if (request.equals("POST /v1/tokens")) {
            return new Reply(201, "{\"id\":\"t1\",\"name\":\"ci\",\"token\":\"eyJ.jwt.value\"}");
        }
        if (request.startsWith("PUT /v1/groups/DevOps/grants/all-servers")) {
            return new Reply(201, "{\"group_name\":\"DevOps\",\"scope\":\"all_servers\"}");
        }
        if (request.equals("GET /v1/operations/dead-letters?limit=100")) {
            return new Reply(200, "[{\"position\":\"1:7\",\"dead_lettered_at\":\"2026-11-28T10:00:00Z\",\"reason\":\"not JSON\","
                    + "\"source_topic\":\"connect.servers.events\",\"source_position\":\"2:41\",\"key\":\"s1\"}]");
        }
        if (request.equals("POST /v1/operations/dead-letters/replay")) {
            return new Reply(200, "{\"topic\":\"connect.dead-letter.token-service\",\"replayed\":[{\"position\":\"1:7\"}]}");
        }
        if (request.equals("POST /v1/operations/outbox/parked/42/discard")) {
            return new Reply(200, "{\"seq\":42,\"outcome\":\"discarded\"}");
        }
        return new Reply(404, "{\"type\":\"https://connect-plane.dev/problems/server-not-found\",\"title\":\"Server not found\","
                + "\"status\":404,\"detail\":\"no server is named or has the ID 'Nope'\"}");
    }

    private int run(String... args) {
        String address = "=http://127.0.0.1:" + api.getAddress().getPort();
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--token=test-jwt", "--server-api" + address, "--access-api" + address,
                "--token-api" + address, "--audit-api" + address));
        return ConnectCtl.run(all.toArray(String[]::new));
    }

    @Test
    void getPrintsATableByDefaultAndTheApiFieldsInJson() {
        assertThat(run("server", "get", "Prod")).isZero();
        assertThat(streams.out()).contains("ID", "NAME", "STATE", "VAULTS").contains("s1", "Prod", "ACTIVE", "Kubernetes");

        streams.resetOut();
        assertThat(run("server", "get", "Prod", "--format", "json")).isZero();
        assertThat(streams.out()).contains("\"tokens_version\" : 1", "\"creator_id\" : \"admin\"");
        assertThat(requests.get("GET /v1/servers/Prod")).startsWith("Bearer test-jwt");
    }

    @Test
    void aRenameIsAPatchWithTheNewNameAndPrintsTheRenamedServer() {
        assertThat(run("server", "edit", "Prod", "--name", "Live")).isZero();

        assertThat(requests.get("PATCH /v1/servers/Prod")).isEqualTo("Bearer test-jwt {\"name\":\"Live\"}");
        assertThat(streams.out()).contains("s1", "Live");
    }

    @Test
    void aServiceThatIsNotListeningIsOneLineThatSaysSo() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }

        int exit = ConnectCtl.run("server", "get", "Prod", "--token=test-jwt", "--server-api=http://127.0.0.1:" + closed);

        assertThat(exit).isNotZero();
        assertThat(streams.err().strip()).isEqualTo("connectctl: cannot reach server-service at http://127.0.0.1:" + closed
                + " (is the stack up? ./connect-plane up)");
    }

    @Test
    void aListFollowsEveryNextLinkOnTheConfiguredAddressAndStopsAtTheLimit() {
        assertThat(run("server", "list")).isZero();
        assertThat(streams.out()).contains("s1", "s2", "s3", "Prod", "Stage", "Test");
        assertThat(requests).containsKeys("GET /v1/servers?cursor=c2&limit=1000", "GET /v1/servers?cursor=c3&limit=1000");

        streams.resetOut();
        requests.clear();
        assertThat(run("server", "list", "--limit", "2", "--format", "json")).isZero();
        assertThat(streams.out()).contains("\"s1\"", "\"s2\"").doesNotContain("\"s3\"");
        assertThat(requests).doesNotContainKey("GET /v1/servers?cursor=c9&limit=2");

        assertThat(run("server", "list", "--limit", "0")).isEqualTo(2);
        assertThat(streams.err()).contains("--limit");
    }

    @Test
    void auditVerifySaysWhatTheSignedCheckpointsSayAndFailsOnRecordsMissingAfterOne() {
        verifyBody = "{\"valid\":true,\"checked\":24,\"head_hash\":\"abc\",\"checkpoint\":{\"status\":\"matches\",\"seq\":24,"
                + "\"checkpointed_at\":\"2026-11-28T10:00:00Z\",\"key_id\":\"k1\",\"read\":3,\"rejected\":1}}";
        assertThat(run("audit", "verify")).isZero();
        assertThat(streams.out()).contains("audit chain intact: 24 records, head abc; matches the signed checkpoint at position 24 "
                + "of 2026-11-28T10:00:00Z (key k1) (1 message(s) on the topic left out");

        streams.resetOut();
        verifyBody = "{\"valid\":false,\"checked\":21,\"first_broken\":{\"seq\":22,\"reason\":\"positions 22 to 24 are missing\"},"
                + "\"checkpoint\":{\"status\":\"records-missing\",\"seq\":24,\"checkpointed_at\":\"2026-11-28T10:00:00Z\"}}";
        assertThat(run("audit", "verify")).isEqualTo(1);
        assertThat(streams.out()).contains("audit chain BROKEN at position 22: positions 22 to 24 are missing; the signed checkpoint "
                + "at position 24 of 2026-11-28T10:00:00Z covers records the database no longer has");

        streams.resetOut();
        verifyBody = "{\"valid\":true,\"checked\":2,\"head_hash\":\"abc\",\"checkpoint\":{\"status\":\"not-configured\"}}";
        assertThat(run("audit", "verify")).isZero();
        assertThat(streams.out()).contains("checkpoints are off");
    }

    @Test
    void auditExportAsksForTheSchemaVersionGiven() {
        assertThat(run("audit", "export", "--format", "ocsf", "--schema-version", "1.8.0", "--action", "server.create")).isZero();
        assertThat(requests).containsKey("GET /v1/audit/export/ocsf?action=server.create&version=1.8.0");
        assertThat(streams.out()).contains("3004");
    }

    @Test
    void aRefusalIsOneLineFromTheProblemDetailsAndANonZeroExit() {
        assertThat(run("server", "get", "Nope")).isEqualTo(1);
        assertThat(streams.err().strip())
                .isEqualTo("connectctl: Server not found: no server is named or has the ID 'Nope' (404)");
        assertThat(streams.out()).isEmpty();
    }

    @Test
    void serverCreateWritesTheCredentialsFileOwnerOnlyAndRefusesToOverwriteWithoutForce() throws IOException {
        Path file = dir.resolve("1password-credentials.json");
        assertThat(run("server", "create", "Prod", "--vaults", "Kubernetes,Customers", "--credentials-file", file.toString()))
                .isZero();
        assertThat(Files.readString(file)).contains("\"secret\" : \"s3cr3t\"");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(requests.get("POST /v1/servers")).contains("\"vaults\":[\"Kubernetes\",\"Customers\"]");
        assertThat(streams.out()).doesNotContain("s3cr3t");

        requests.clear();
        assertThat(run("server", "create", "Prod", "--credentials-file", file.toString())).isEqualTo(1);
        assertThat(streams.err()).contains("already exists; pass -f");
        assertThat(requests).isEmpty();

        assertThat(run("server", "create", "Prod", "-f", "--credentials-file", file.toString())).isZero();
    }

    @Test
    void tokenCreatePrintsOnlyTheTokenAndSendsEveryVaultWithItsScope() {
        assertThat(run("token", "create", "ci", "--server", "Prod", "--vault", "Kubernetes,r", "--vaults", "Customers,w",
                "--expires-in", "30d")).isZero();
        assertThat(streams.out().strip()).isEqualTo("eyJ.jwt.value");
        assertThat(requests.get("POST /v1/tokens"))
                .contains("\"vaults\":[\"Kubernetes,r\",\"Customers,w\"]", "\"expires_in\":\"30d\"");
    }

    @Test
    void groupGrantMapsTheScopeFlagsToThePaths() {
        assertThat(run("group", "grant", "--group", "DevOps", "--all-servers")).isZero();
        assertThat(requests).containsKey("PUT /v1/groups/DevOps/grants/all-servers");
        assertThat(run("group", "grant", "--group", "DevOps", "--all-servers", "--server", "Prod")).isEqualTo(2);
        assertThat(streams.err()).contains("mutually exclusive");
    }

    @Test
    void deadLettersAreListedAndReplayedOnTheNamedServiceAndParkedRowsDiscarded() {
        assertThat(run("dead-letters", "list", "--service", "token-service")).isZero();
        assertThat(streams.out()).contains("POSITION", "SOURCE", "REASON", "1:7", "connect.servers.events", "2:41", "not JSON");

        streams.resetOut();
        assertThat(run("dead-letters", "replay", "--service", "token", "1:7")).isZero();
        assertThat(requests.get("POST /v1/operations/dead-letters/replay")).contains("\"positions\":[\"1:7\"]");
        assertThat(streams.out()).contains("replayed 1 dead letters of connect.dead-letter.token-service");

        assertThat(run("dead-letters", "replay", "--service", "token-service")).isEqualTo(2);
        assertThat(streams.err()).contains("--all");
        assertThat(run("dead-letters", "list", "--service", "billing")).isEqualTo(2);
        assertThat(streams.err()).contains("--service is one of");

        assertThat(run("outbox", "discard", "--service", "server-service", "42")).isZero();
        assertThat(requests).containsKey("POST /v1/operations/outbox/parked/42/discard");
    }

    @Test
    void dashReadsTheObjectFromStandardInput() {
        assertThat(Stdin.reference("-", "server", new ByteArrayInputStream("{\"id\":\"s1\",\"name\":\"Prod\"}"
                .getBytes(StandardCharsets.UTF_8)))).isEqualTo("s1");
        assertThat(Stdin.reference("Prod", "server", System.in)).isEqualTo("Prod");
    }

    @Test
    void everyCommandHasHelpAndTakesTheOutputFormat() {
        CommandLine root = ConnectCtl.commandLine(null);
        List<CommandLine> leaves = new ArrayList<>();
        collectLeaves(root, leaves);
        assertThat(leaves).hasSize(28);
        for (CommandLine leaf : leaves) {
            String name = leaf.getCommandSpec().qualifiedName();
            assertThat(leaf.getCommandSpec().optionsMap()).as(name).containsKey("--help");
            // local commands, and those that call the identity provider rather than a service
            if (!name.endsWith("generate-completion") && !name.contains("reply-key") && !name.endsWith("login")
                    && !name.endsWith("logout")) {
                assertThat(leaf.getCommandSpec().optionsMap()).as(name).containsKeys("--format", "--token");
            }
        }
        assertThat(ConnectCtl.run("token", "create", "--help")).isZero();
    }

    @Test
    void withoutAnIdentityItSaysHowToGetOne() {
        GlobalOptions.environment = Map.of("CONNECTCTL_CONFIG_DIR", dir.resolve("config").toString())::get;
        GlobalOptions.workingDirectory = dir;
        try {
            assertThat(ConnectCtl.run("server", "list")).isEqualTo(2);
            assertThat(streams.err()).contains("no identity", "CONNECT_TOKEN", "connectctl login", "./connect-plane up");
            assertThat(requests).isEmpty();
        } finally {
            GlobalOptions.environment = System::getenv;
            GlobalOptions.workingDirectory = Path.of("");
        }
    }

    @Test
    void theLocalStacksFilesGiveTheIdentityAndTheAddresses() throws IOException {
        Path stack = Files.createDirectories(dir.resolve(".connect-plane"));
        Files.writeString(stack.resolve("admin-token"), "stack-admin-jwt\n");
        Files.writeString(stack.resolve("connectctl.properties"), "server=http://127.0.0.1:" + api.getAddress().getPort() + "\n");
        GlobalOptions.environment = name -> null;
        GlobalOptions.workingDirectory = Files.createDirectories(dir.resolve("some/sub/dir"));
        try {
            assertThat(ConnectCtl.run("server", "list")).isZero();
            assertThat(requests.get("GET /v1/servers?limit=1000")).startsWith("Bearer stack-admin-jwt");
        } finally {
            GlobalOptions.environment = System::getenv;
            GlobalOptions.workingDirectory = Path.of("");
        }
    }

    private static void collectLeaves(CommandLine command, List<CommandLine> leaves) {
        if (command.getSubcommands().isEmpty()) {
            leaves.add(command);
        }
        command.getSubcommands().values().forEach(sub -> collectLeaves(sub, leaves));
    }
}

package dev.connectplane.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.connectplane.contracts.Topics;
import dev.connectplane.contracts.envelope.EventCodec;
import dev.connectplane.testing.TestCommands;
import dev.connectplane.testing.TestIdentities;
import java.io.IOException;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * The whole story, driven only through connectctl (the packaged CLI, run as a process per
 * command) against a running stack: servers and their credentials, refused vaults, token scopes
 * and expiry, trims and cascades seen by {@code token verify} and {@code changes watch}, group
 * grants, the audit trail with its actors, and a command sent over Kafka twice. The stack is
 * either the services as processes ({@link ConnectctlStoryIT}, {@link KeycloakStoryIT}) or compose
 * ({@link ComposeSmokeIT}); its callers (admin in Owners, dana in Platform, olly in Contractors)
 * get their tokens from the target: the tests' issuer ({@link TestIdentities}) or Keycloak.
 */
final class ConnectctlStory {

    /** Where the stack answers. */
    interface Target {
        /** The base URL of a service, e.g. {@code http://127.0.0.1:8081}. */
        String url(String service);

        String kafkaBootstrapServers();

        /** How {@code principal} signs in to the broker (SASL settings), or none for an open broker. */
        default Map<String, String> kafkaSignIn(String principal) {
            return Map.of();
        }

        /** The environment that signs connectctl in as {@code principal}, or none for an open broker. */
        default Map<String, String> connectctlKafkaEnvironment(String principal) {
            return Map.of();
        }

        /** A fresh bearer token of {@code user} (admin, dana or olly), asked for at every step. */
        default String token(String user) {
            return TestIdentities.token(user, DEV_GROUPS.get(user));
        }

        /** Called halfway, once servers, tokens, a watch and a trim exist (the Keycloak story rotates its key here). */
        default void midway() {
        }
    }

    /** The story's callers and their groups, as the tests' issuer mints them. */
    static final Map<String, String> DEV_GROUPS = Map.of("admin", TestIdentities.MANAGERS_GROUP, "dana", "Platform",
            "olly", "Contractors");

    private final Target target;
    private final Path work;

    ConnectctlStory(Target target, Path work) {
        this.target = target;
        this.work = work;
    }

    /** Runs the story; every step asserts. */
    void run() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String server = "Story " + suffix;
        Path credentials = work.resolve("1password-credentials.json");

        // a server with vaults, and its credentials file
        assertThat(ctl(admin(), "server", "create", server, "--vaults", "Kubernetes,Customers",
                "--credentials-file", credentials.toString()).ok()).isTrue();
        JsonNode credentialsDocument = EventCodec.readTree(Files.readString(credentials));
        String serverId = credentialsDocument.path("server_id").asText();
        assertThat(credentialsDocument.path("secret").asText()).hasSize(43);
        assertThat(ctl(admin(), "server", "create", "Again " + suffix, "--credentials-file", credentials.toString())
                .err()).contains("already exists");

        // a protected vault is refused and nothing is created
        Result refused = ctl(admin(), "server", "create", "Private " + suffix, "--vaults", "Private",
                "--credentials-file", work.resolve("other.json").toString());
        assertThat(refused.exit()).isNotZero();
        assertThat(refused.err()).contains("can never be granted");
        assertThat(ctl(admin(), "server", "list").out()).doesNotContain("Private " + suffix);

        Map<String, String> vaultIds = new HashMap<>();
        awaitOk(() -> json(ctl(admin(), "server", "get", server, "--format", "json")).path("vaults").size() == 2);
        json(ctl(admin(), "server", "get", serverId, "--format", "json")).path("vaults")
                .forEach(v -> vaultIds.put(v.path("name").asText(), v.path("id").asText()));

        // tokens with read, write and default scopes and an expiry; a vault the server lacks is refused
        String readToken = ctl(admin(), "token", "create", "reader", "--server", server, "--vault", "Kubernetes,r",
                "--expires-in", "30d").out().strip();
        String writeToken = ctl(admin(), "token", "create", "writer", "--server", server, "--vault", "Customers,w",
                "--vault", "Kubernetes,r").out().strip();
        String defaultToken = ctl(admin(), "token", "create", "default", "--server", serverId, "--vault", "Kubernetes")
                .out().strip();
        Result lacking = ctl(admin(), "token", "create", "lacking", "--server", server, "--vault", "Vendors");
        assertThat(lacking.exit()).isNotZero();
        assertThat(lacking.err()).contains("Vendors");
        assertThat(json(ctl(admin(), "token", "verify", readToken, "--format", "json")).path("exp").isNumber()).isTrue();
        assertThat(ctl(admin(), "token", "verify", readToken, "--vault", vaultIds.get("Kubernetes"), "--permission", "w")
                .out()).contains("allowed false");
        assertThat(ctl(admin(), "token", "verify", defaultToken, "--vault", vaultIds.get("Kubernetes"), "--permission", "w")
                .out()).contains("allowed true");
        assertThat(ctl(admin(), "token", "list", "--server", server).out()).contains("reader", "writer", "default");

        // follow the access changes of this server (from its first one, so joining late loses none)
        Process watch = start(admin(), "changes", "watch", "--server", serverId, "--from-beginning", "--format", "json",
                "--limit", "8", "--timeout", "120");

        // revoking a vault trims the tokens that had it
        assertThat(ctl(admin(), "vault", "revoke", "--server", server, "--vault", "Customers").ok()).isTrue();
        awaitOk(() -> !json(ctl(admin(), "token", "verify", writeToken, "--format", "json")).toString()
                .contains(vaultIds.get("Customers")));

        // an all-servers grant covers a server created afterwards; its member manages it, an outsider cannot
        assertThat(ctl(admin(), "group", "grant", "--group", "Platform", "--all-servers").ok()).isTrue();
        String later = "Later " + suffix;
        assertThat(ctl(admin(), "server", "create", later, "--vaults", "Vendors", "-f",
                "--credentials-file", work.resolve("later.json").toString()).ok()).isTrue();
        target.midway();
        String member = target.token("dana");
        String outsider = target.token("olly");
        awaitOk(() -> ctl(member, "server", "get", later).ok());
        awaitOk(() -> ctl(member, "token", "create", "member-token", "--server", later, "--vault", "Vendors").ok());
        assertThat(ctl(member, "server", "list").out()).contains(later);
        Result outsiders = ctl(outsider, "server", "get", later);
        assertThat(outsiders.exit()).isNotZero();
        assertThat(outsiders.err()).contains("not found");
        assertThat(ctl(outsider, "server", "list").out()).doesNotContain(later);

        // deleting a server revokes all its tokens and its credentials
        assertThat(ctl(admin(), "server", "delete", server).ok()).isTrue();
        for (String token : List.of(readToken, writeToken, defaultToken)) {
            awaitOk(() -> ctl(admin(), "token", "verify", token).out().strip().equals("inactive"));
        }
        assertThat(introspectWithCredentials(credentialsDocument, readToken)).isEqualTo(401);

        // the change stream shows the issues, the trim, then the server's deletion and the revocations, in order
        assertThat(watch.waitFor(120, TimeUnit.SECONDS)).isTrue();
        List<String> changes = new ArrayList<>();
        for (String line : new String(watch.getInputStream().readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                changes.add(EventCodec.readTree(line).path("data").path("change").asText());
            }
        }
        assertThat(changes).hasSize(8);
        assertThat(changes.subList(0, 3)).containsOnly("token_issued");
        assertThat(changes.get(3)).isEqualTo("token_scope_trimmed");
        assertThat(changes.get(4)).isEqualTo("server_deleted");
        assertThat(changes.subList(5, 8)).containsOnly("token_revoked");

        // a command sent over Kafka twice takes effect once
        String commandId = "story-" + suffix;
        String command = "{\"command_id\":\"" + commandId + "\",\"type\":\"token.create\",\"payload\":{\"name\":\"via kafka\","
                + "\"server\":\"" + later + "\",\"vaults\":[\"Vendors,r\"]}}";
        try (TestCommands replies = new TestCommands(target.kafkaBootstrapServers(), target.kafkaSignIn("connect-client"))) {
            replies.publish(Topics.TOKEN_COMMANDS, commandId, command, "Bearer " + admin());
            replies.publish(Topics.TOKEN_COMMANDS, commandId, command, "Bearer " + admin());
            assertThat(replies.awaitReplies(commandId, 2)).extracting(r -> r.path("type").asText())
                    .containsOnly("connect.command.accepted.v1");
        }
        JsonNode laterTokens = json(ctl(admin(), "token", "list", "--server", later, "--format", "json"));
        assertThat(laterTokens.findValuesAsText("name").stream().filter("via kafka"::equals)).hasSize(1);

        // the audit trail shows every step with its actor, and the chain verifies
        awaitOk(() -> {
            String audit = ctl(admin(), "audit", "list", "--server", serverId, "--format", "json").out();
            return audit.contains("server.delete") && audit.contains("token.trim");
        });
        JsonNode records = json(ctl(admin(), "audit", "list", "--server", serverId, "--format", "json"));
        List<String> actions = records.findValuesAsText("action");
        assertThat(actions).contains("server.create", "vault.grant", "token.create", "vault.revoke", "token.trim",
                "server.delete", "token.revoke");
        for (JsonNode record : records) {
            if (List.of("server.create", "token.create", "vault.revoke", "server.delete").contains(record.path("action").asText())) {
                assertThat(record.path("actor").path("id").asText()).as(record.toString()).isEqualTo("admin");
            }
        }
        awaitOk(() -> ctl(admin(), "audit", "list", "--actor", "dana", "--format", "json").out().contains("token.create"));
        Result verified = ctl(admin(), "audit", "verify");
        assertThat(verified.exit()).as(verified.err()).isZero();
        assertThat(verified.out()).contains("audit chain intact").doesNotContain("checkpoints are off");
        assertThat(ctl(outsider, "audit", "list").err()).contains("managers");
    }

    private String admin() {
        return target.token("admin");
    }

    /**
     * One connectctl run without a token given: it uses the session of {@code connectctl login}
     * in this story's configuration directory ({@link #sessionDirectory()}).
     */
    Result ctlWithSession(String... args) throws IOException, InterruptedException {
        return ctl(null, args);
    }

    /** {@code connectctl} started without a token given, for {@code login}, whose output a test reads as it comes. */
    Process startWithSession(String... args) throws IOException {
        return start(null, args);
    }

    /** Where connectctl keeps its login session in this story (CONNECTCTL_CONFIG_DIR). */
    Path sessionDirectory() {
        return work.resolve("connectctl-config");
    }

    /** One connectctl run: exit status, stdout, stderr. */
    record Result(int exit, String out, String err) {
        boolean ok() {
            return exit == 0;
        }
    }

    Result ctl(String token, String... args) throws IOException, InterruptedException {
        Process process = start(token, args);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("connectctl " + String.join(" ", args) + " did not finish in 60 s");
        }
        return new Result(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                Files.readString(work.resolve("stderr-" + process.pid())));
    }

    private Process start(String token, String... args) throws IOException {
        Path root = Path.of(System.getProperty("connect.root", "..")).toAbsolutePath().normalize();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", root.resolve("cli/target/connectctl.jar").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile());
        builder.environment().remove("CONNECT_TOKEN");
        if (token != null) {
            builder.environment().put("CONNECT_TOKEN", token);
        }
        builder.environment().put("CONNECTCTL_CONFIG_DIR", sessionDirectory().toString());
        builder.environment().put("CONNECT_SERVER_API", target.url("server-service"));
        builder.environment().put("CONNECT_ACCESS_API", target.url("access-service"));
        builder.environment().put("CONNECT_TOKEN_API", target.url("token-service"));
        builder.environment().put("CONNECT_AUDIT_API", target.url("audit-service"));
        builder.environment().put("CONNECT_KAFKA_BOOTSTRAP_SERVERS", target.kafkaBootstrapServers());
        builder.environment().putAll(target.connectctlKafkaEnvironment("connect-subscriber"));
        builder.environment().put("CONNECT_PLANE_HOME", work.toString());
        Path stderr = Files.createTempFile(work, "stderr", ".txt");
        builder.redirectError(stderr.toFile());
        Process process = builder.start();
        Files.move(stderr, work.resolve("stderr-" + process.pid()));
        return process;
    }

    private static JsonNode json(Result result) {
        assertThat(result.exit()).as(result.err()).isZero();
        return EventCodec.readTree(result.out());
    }

    private static void awaitOk(Callable<Boolean> condition) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(condition);
    }

    private int introspectWithCredentials(JsonNode credentials, String token) throws Exception {
        String basic = Base64.getEncoder().encodeToString((credentials.path("server_id").asText() + ":"
                + credentials.path("secret").asText()).getBytes(StandardCharsets.UTF_8));
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(target.url("token-service")
                        + "/v1/tokens/introspect")).header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + token)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }
}

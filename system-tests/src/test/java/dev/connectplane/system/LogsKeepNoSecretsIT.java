package dev.connectplane.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.connectplane.contracts.Topics;
import dev.connectplane.contracts.envelope.EventCodec;
import dev.connectplane.testing.CredentialScan;
import dev.connectplane.testing.TestCommands;
import dev.connectplane.testing.TestIdentities;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The services' logs, as an operator collects them: JSON (the stack runs with
 * {@code CONNECT_LOG_JSON=true}), a consumer's lines naming the trace, the event and the server
 * they are about, and no secret in any line of any service's log, whatever the system tests
 * before did: a server's credential secret, a token, the bearer JWTs of REST calls and of a
 * command over Kafka, a forged bearer JWT that was refused, nor anything shaped like a JWT.
 */
class LogsKeepNoSecretsIT {

    private static final String MANAGER = TestIdentities.bearer("logs-admin", TestIdentities.MANAGERS_GROUP);

    private static SystemStack stack;

    @BeforeAll
    static void start() throws Exception {
        stack = SystemStack.shared();
    }

    @Test
    void logsAreJsonWithTheTraceEventAndServerAndHoldNoSecret() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> secrets = new ArrayList<>(List.of(MANAGER.substring("Bearer ".length())));
        StackHttp http = new StackHttp(MANAGER);
        StackHttp.Answer server = http.post(stack.url("server-service") + "/v1/servers",
                "{\"name\":\"logged-" + run + "\",\"vaults\":[\"Kubernetes\"]}");
        assertThat(server.status()).as(server.body()).isEqualTo(201);
        JsonNode created = EventCodec.readTree(server.body());
        String serverId = created.at("/server/id").asText();
        secrets.add(created.at("/credentials/secret").asText());
        String tokenRequest = "{\"name\":\"logged\",\"server\":\"" + serverId + "\",\"vaults\":[\"Kubernetes,r\"]}";
        StackHttp.Answer token = await().atMost(Duration.ofSeconds(30))
                .until(() -> http.post(stack.url("token-service") + "/v1/tokens", tokenRequest), made -> made.status() == 201);
        secrets.add(EventCodec.readTree(token.body()).path("token").asText());
        String forged = TestIdentities.bearer("logs-admin", TestIdentities.MANAGERS_GROUP).replace("Bearer ", "Bearer x");
        secrets.add(forged.substring("Bearer ".length()));
        assertThat(new StackHttp(forged).get(stack.url("token-service") + "/v1/tokens?server=" + serverId).status())
                .isEqualTo(401);
        try (TestCommands commands = new TestCommands()) {
            String commandId = commands.send(Topics.SERVER_COMMANDS, "server.edit",
                    Map.of("server", serverId, "name", "logged-renamed-" + run), MANAGER);
            assertThat(commands.awaitReply(commandId).path("type").asText()).isEqualTo("connect.command.accepted.v1");
        }

        JsonNode applied = await().atMost(Duration.ofSeconds(30))
                .until(() -> appliedLine(stack.logFiles(), serverId), Optional::isPresent).orElseThrow();
        assertThat(applied.path("mdc").path("traceId").asText()).as(applied.toString()).matches("[0-9a-f]{32}");
        assertThat(applied.path("mdc").path("spanId").asText()).as(applied.toString()).matches("[0-9a-f]{16}");
        assertThat(applied.path("mdc").path("eventId").asText()).as(applied.toString()).isNotBlank();
        assertThat(applied.path("message").asText()).contains(applied.path("mdc").path("eventId").asText());

        assertThat(secrets).allSatisfy(secret -> assertThat(secret).hasSizeGreaterThan(30));
        List<String> findings = new ArrayList<>();
        long lines = 0;
        for (Path log : stack.logFiles()) {
            List<String> text = Files.readAllLines(log, StandardCharsets.UTF_8);
            lines += text.size();
            for (int number = 0; number < text.size(); number++) {
                String line = text.get(number);
                String where = log.getFileName() + ":" + (number + 1);
                if (CredentialScan.holdsCredential(line)) {
                    findings.add(where + ": something shaped like a credential");
                }
                secrets.stream().filter(line::contains).forEach(secret -> findings.add(where + ": a secret handed out"));
            }
        }
        assertThat(lines).as("log lines scanned").isGreaterThan(100);
        assertThat(findings).isEmpty();
    }

    /** A consumer's JSON line saying it applied an event about the server, with its log context. */
    private static Optional<JsonNode> appliedLine(List<Path> logs, String serverId) throws IOException {
        for (Path log : logs) {
            for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                if (!line.startsWith("{") || !line.contains(serverId)) {
                    continue;
                }
                JsonNode json = EventCodec.readTree(line);
                if (serverId.equals(json.path("mdc").path("serverId").asText())
                        && json.path("message").asText().contains("applied")) {
                    return Optional.of(json);
                }
            }
        }
        return Optional.empty();
    }
}

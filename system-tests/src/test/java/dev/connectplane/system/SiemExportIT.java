package dev.connectplane.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.connectplane.contracts.Topics;
import dev.connectplane.testing.TestCommands;
import dev.connectplane.testing.TestIdentities;
import dev.connectplane.testing.siem.CefDictionary;
import dev.connectplane.testing.siem.EcsSchema;
import dev.connectplane.testing.siem.OcsfSchema;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The whole audit export of the shared stack, after what every system test before this one did
 * and a run of its own over REST and Kafka (servers, vaults, groups, tokens, an accepted and a
 * rejected command), validated against the official schema data: OCSF 1.1.0 and 1.8.0, ECS
 * 8.17.0 and 9.4.0, CEF. Prints how many records each validated.
 */
class SiemExportIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String MANAGER = TestIdentities.bearer("siem-admin", TestIdentities.MANAGERS_GROUP);

    @Test
    void theWholeExportOfARealRunValidatesInEveryFormatAndVersion() throws Exception {
        SystemStack stack = SystemStack.shared();
        String run = UUID.randomUUID().toString().substring(0, 8);
        String server = stack.url("server-service");
        String access = stack.url("access-service");
        String tokens = stack.url("token-service");
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() ->
                send("GET", server + "/v1/vault-directory", null).contains("\"Kubernetes\""));
        String serverId = JSON.readTree(send("POST", server + "/v1/servers",
                "{\"name\":\"siem | " + run + " = \\\"x\\\"\",\"vaults\":[\"Kubernetes\",\"Customers\"]}")).at("/server/id").asText();
        send("PATCH", server + "/v1/servers/" + serverId, "{\"name\":\"siem\\\\renamed " + run + "\"}");
        String tokenId = awaitToken(tokens, serverId);
        send("PATCH", tokens + "/v1/servers/" + serverId + "/tokens/" + tokenId, "{\"name\":\"renamed = | \\\\ x\"}");
        send("DELETE", tokens + "/v1/servers/" + serverId + "/tokens/" + tokenId, null);
        send("PUT", access + "/v1/groups/DevOps/grants/servers/" + serverId, null);
        send("DELETE", access + "/v1/groups/DevOps/grants/servers/" + serverId, null);
        try (TestCommands commands = new TestCommands()) {
            String accepted = commands.send(Topics.SERVER_COMMANDS, "server.create", Map.of("name", "siem-kafka-" + run), MANAGER);
            String rejected = commands.send(Topics.SERVER_COMMANDS, "server.delete", Map.of("server", "no-such-" + run), MANAGER);
            assertThat(commands.awaitReply(accepted).path("type").asText()).isEqualTo("connect.command.accepted.v1");
            assertThat(commands.awaitReply(rejected).path("type").asText()).isEqualTo("connect.command.rejected.v1");
        }
        send("DELETE", server + "/v1/servers/" + serverId, null);
        String audit = stack.url("audit-service");
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).until(() ->
                JSON.readTree(send("GET", audit + "/v1/audit/records?limit=1000&server=" + serverId, null)).path("records")
                        .findValuesAsText("action").containsAll(List.of("server.delete", "vault.revoke", "group.revoke")));

        for (String version : List.of("1.1.0", "1.8.0")) {
            OcsfSchema schema = OcsfSchema.version(version);
            check("OCSF " + version, export(audit, "ocsf", version), line -> schema.validate(json(line)),
                    line -> json(line).at("/unmapped/connect/action").asText());
        }
        for (String version : List.of("8.17.0", "9.4.0")) {
            EcsSchema schema = EcsSchema.version(version, "connect.");
            check("ECS " + version, export(audit, "ecs", version), line -> schema.validate(json(line)),
                    line -> json(line).at("/event/action").asText());
        }
        CefDictionary cef = CefDictionary.load();
        check("CEF", export(audit, "cef", null), cef::validate, line -> line.split("(?<!\\\\)\\|")[4]);
    }

    private static void check(String format, List<String> lines, Function<String, List<String>> validator,
                              Function<String, String> action) {
        Map<String, Integer> byAction = new TreeMap<>();
        List<String> invalid = new ArrayList<>();
        for (String line : lines) {
            byAction.merge(action.apply(line), 1, Integer::sum);
            List<String> errors = validator.apply(line);
            if (!errors.isEmpty()) {
                invalid.add(errors + " in " + line);
            }
        }
        System.out.printf("%s: %d records of the real run validated, %d invalid, by action %s%n", format, lines.size(),
                invalid.size(), byAction);
        assertThat(invalid).as(format).isEmpty();
        assertThat(byAction.keySet()).as(format).contains("server.create", "server.rename", "server.delete", "vault.grant",
                "vault.revoke", "group.grant", "group.revoke", "token.create", "token.rename", "token.revoke",
                "command.accept", "command.reject");
    }

    private static List<String> export(String audit, String format, String version) throws Exception {
        return send("GET", audit + "/v1/audit/export/" + format + (version == null ? "" : "?version=" + version), null)
                .lines().toList();
    }

    private static String awaitToken(String tokens, String serverId) throws Exception {
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).ignoreExceptions().until(() ->
                send("POST", tokens + "/v1/tokens", "{\"name\":\"siem\",\"server\":\"" + serverId
                        + "\",\"vaults\":[\"Kubernetes,r\"],\"expires_in\":\"1d\"}").contains("\"id\""));
        JsonNode list = json(send("GET", tokens + "/v1/servers/" + serverId + "/tokens", null));
        return list.get(0).path("id").asText();
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    private static String send(String method, String url, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", MANAGER)
                .timeout(Duration.ofSeconds(60));
        if (body != null) {
            request.header("Content-Type", method.equals("PATCH") ? "application/merge-patch+json" : "application/json");
        }
        HttpResponse<String> response = HTTP.send(request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + url + " " + response.body()).isBetween(200, 299);
        return response.body();
    }
}

package dev.connectplane.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.connectplane.contracts.Topics;
import dev.connectplane.testing.CredentialScan;
import dev.connectplane.testing.TestIdentities;
import dev.connectplane.testing.TopicProbe;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real services, end to end: servers and tokens are created, a token and a server deleted,
 * and then every audit record, every export and every OCSF copy on {@code connect.audit.siem}
 * is scanned for the token values and server credential secrets that were handed out. None may
 * appear, nor anything shaped like a JWT. The chain must verify.
 */
class AuditKeepsNoSecretsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String MANAGER = TestIdentities.bearer("system-admin", TestIdentities.MANAGERS_GROUP);

    private static SystemStack stack;

    @BeforeAll
    static void start() throws Exception {
        stack = SystemStack.shared();
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() ->
                get(stack.url("server-service") + "/v1/vault-directory").contains("\"Kubernetes\""));
    }


    @Test
    void noTokenOrCredentialSecretReachesTheAuditRecordsExportsOrSiemTopic() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> secrets = new ArrayList<>();
        List<String> serverIds = new ArrayList<>();
        List<String> tokenIds = new ArrayList<>();
        for (int s = 0; s < 2; s++) {
            JsonNode created = JSON.readTree(post(stack.url("server-service") + "/v1/servers",
                    "{\"name\":\"secrets-" + run + "-" + s + "\",\"vaults\":[\"Kubernetes\",\"Customers\"]}", 201));
            serverIds.add(created.path("server").path("id").asText());
            secrets.add(created.path("credentials").path("secret").asText());
            for (int t = 0; t < 3; t++) {
                JsonNode token = JSON.readTree(post(stack.url("token-service") + "/v1/tokens", "{\"name\":\"t" + t
                        + "\",\"server\":\"" + serverIds.get(s) + "\",\"vaults\":[\"Kubernetes,r\",\"Customers\"],"
                        + "\"expires_in\":\"30d\"}", 201));
                tokenIds.add(token.path("id").asText());
                secrets.add(token.path("token").asText());
            }
        }
        assertThat(secrets).hasSize(8).allSatisfy(secret -> assertThat(secret).hasSizeGreaterThan(30));
        send("DELETE", stack.url("token-service") + "/v1/servers/" + serverIds.get(0) + "/tokens/" + tokenIds.get(0), 204);
        send("DELETE", stack.url("server-service") + "/v1/servers/" + serverIds.get(1), 204);

        String audit = stack.url("audit-service");
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() ->
                JSON.readTree(get(audit + "/v1/audit/records?limit=1000&server=" + serverIds.get(1))).path("records")
                        .findValuesAsText("action").stream().filter("token.revoke"::equals).count() == 3);
        JsonNode first = JSON.readTree(get(audit + "/v1/audit/records?limit=1000&server=" + serverIds.get(0))).path("records");
        assertThat(first.findValuesAsText("action")).contains("server.create", "vault.grant", "token.create", "token.revoke");

        List<String> everything = new ArrayList<>();
        String cursor = null;
        do {
            String page = get(audit + "/v1/audit/records?limit=1000" + (cursor == null ? "" : "&cursor=" + cursor));
            everything.add(page);
            JsonNode next = JSON.readTree(page).path("next_cursor");
            cursor = next.isMissingNode() || next.isNull() ? null : next.asText();
        } while (cursor != null);
        for (String format : List.of("ocsf", "ecs", "cef")) {
            everything.add(get(audit + "/v1/audit/export/" + format));
        }
        try (TopicProbe siem = TopicProbe.onTopic(Topics.AUDIT_SIEM)) {
            List<String> published = siem.awaitRecords(r -> r.value().contains(serverIds.get(1)), 5, Duration.ofSeconds(30))
                    .stream().map(r -> r.value()).toList();
            everything.addAll(published);
            everything.addAll(siem.recordsAfter(r -> true, Duration.ofSeconds(1)).stream().map(r -> r.value()).toList());
        }

        assertThat(String.join("\n", everything)).contains(serverIds.get(0), tokenIds.get(1));
        for (String text : everything) {
            for (String secret : secrets) {
                assertThat(text).doesNotContain(secret);
            }
            assertThat(CredentialScan.holdsCredential(text))
                    .as("a JWT or bearer value in " + text.substring(0, Math.min(200, text.length())))
                    .isFalse();
        }
        JsonNode verified = JSON.readTree(get(audit + "/v1/audit/verify"));
        assertThat(verified.path("valid").asBoolean()).as(verified.toString()).isTrue();
        assertThat(verified.path("checked").asLong()).isPositive();
    }

    private static String get(String url) throws Exception {
        return send("GET", url, 200);
    }

    private static String post(String url, String body, int expected) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", MANAGER).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(url + " " + response.body()).isEqualTo(expected);
        return response.body();
    }

    private static String send(String method, String url, int expected) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", MANAGER).method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + url + " " + response.body()).isEqualTo(expected);
        return response.body();
    }
}

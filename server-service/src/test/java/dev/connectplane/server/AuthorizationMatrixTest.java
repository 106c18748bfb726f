package dev.connectplane.server;

import static dev.connectplane.server.TestSupport.unique;
import static dev.connectplane.testing.AccessMatrix.expect;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.connectplane.infra.DevIssuer;
import dev.connectplane.testing.AccessMatrix.Caller;
import dev.connectplane.testing.AccessMatrix;
import dev.connectplane.testing.ConnectInfraResource;
import dev.connectplane.testing.Pages;
import dev.connectplane.testing.TestIdentities;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who may do what on server-service: every endpoint as a manager, a member of a group granted on
 * the server, a member of an all-servers group, a member of an unrelated group, an anonymous
 * caller and the server's own credentials. Grants reach server-service as access events.
 */
@QuarkusTest
@QuarkusTestResource(ConnectInfraResource.class)
class AuthorizationMatrixTest {

    @Test
    void everyEndpointAnswersEachKindOfCallerAsTheTableSays() {
        JsonPath s = createServer();
        JsonPath t = createServer();
        String sId = s.getString("server.id");
        String tId = t.getString("server.id");
        AccessMatrix matrix = new AccessMatrix(basic(s));
        matrix.announceGrants(sId);
        awaitStatus(matrix, Caller.SERVER_GROUP, "/v1/servers/" + sId, 200);
        awaitStatus(matrix, Caller.ALL_SERVERS_GROUP, "/v1/servers/" + tId, 200);

        matrix.check("POST", "/v1/servers", Map.of("name", unique("Created")), expect(201, 403, 403, 403, 401, 401))
                .check("GET", "/v1/servers", null, expect(200, 200, 200, 200, 401, 401))
                .check("GET", "/v1/servers/" + sId, null, expect(200, 200, 200, 404, 401, 401))
                .check("GET", "/v1/servers/" + s.getString("server.name"), null, expect(200, 200, 200, 404, 401, 401))
                .check("GET", "/v1/servers/" + tId, null, expect(200, 404, 200, 404, 401, 401))
                // a name that exists only on a server the caller cannot see
                .check("GET", "/v1/servers/" + t.getString("server.name"), null, expect(200, 404, 200, 404, 401, 401))
                .check("GET", "/v1/servers/no-such-server", null, expect(404, 404, 404, 404, 401, 401))
                .check("PATCH", "/v1/servers/" + sId, Map.of("name", s.getString("server.name")),
                        expect(200, 200, 200, 404, 401, 401))
                .check("PATCH", "/v1/servers/" + tId, Map.of("name", t.getString("server.name")),
                        expect(200, 404, 200, 404, 401, 401))
                .check("GET", "/v1/vault-directory", null, expect(200, 200, 200, 200, 401, 401))
                .verify();

        List<Object> memberSees = ids(Pages.all(() -> matrix.as(Caller.SERVER_GROUP), "/v1/servers"));
        List<Object> platformSees = ids(Pages.all(() -> matrix.as(Caller.ALL_SERVERS_GROUP), "/v1/servers"));
        List<Object> outsiderSees = ids(Pages.all(() -> matrix.as(Caller.OUTSIDER), "/v1/servers"));
        assertThat(memberSees).contains(sId).doesNotContain(tId);
        assertThat(platformSees).contains(sId, tId);
        assertThat(outsiderSees).doesNotContain(sId, tId);
    }

    @Test
    void eachKindOfCallerDeletesOnlyWhatItMayManage() {
        String byMember = createServer().getString("server.id");
        String byPlatform = createServer().getString("server.id");
        String byManager = createServer().getString("server.id");
        AccessMatrix matrix = new AccessMatrix(basic(createServer()));
        matrix.announceGrants(byMember);
        awaitStatus(matrix, Caller.SERVER_GROUP, "/v1/servers/" + byMember, 200);
        awaitStatus(matrix, Caller.ALL_SERVERS_GROUP, "/v1/servers/" + byPlatform, 200);

        matrix.check(Caller.OUTSIDER, "DELETE", "/v1/servers/" + byMember, null, 404)
                .check(Caller.ANONYMOUS, "DELETE", "/v1/servers/" + byMember, null, 401)
                .check(Caller.SERVER_GROUP, "DELETE", "/v1/servers/" + byPlatform, null, 404)
                .check(Caller.SERVER_GROUP, "DELETE", "/v1/servers/" + byMember, null, 204)
                .check(Caller.ALL_SERVERS_GROUP, "DELETE", "/v1/servers/" + byPlatform, null, 204)
                .check(Caller.MANAGER, "DELETE", "/v1/servers/" + byManager, null, 204)
                .verify();
    }

    @Test
    void anAllServersGrantCoversAServerCreatedAfterIt() {
        AccessMatrix matrix = new AccessMatrix(null);
        String first = createServer().getString("server.id");
        matrix.announceGrants(first);
        awaitStatus(matrix, Caller.ALL_SERVERS_GROUP, "/v1/servers/" + first, 200);

        String later = createServer().getString("server.id");

        matrix.check(Caller.ALL_SERVERS_GROUP, "GET", "/v1/servers/" + later, null, 200)
                .check(Caller.ALL_SERVERS_GROUP, "PATCH", "/v1/servers/" + later, Map.of("name", unique("Renamed")), 200)
                .check(Caller.SERVER_GROUP, "GET", "/v1/servers/" + later, null, 404)
                .verify();
    }

    @Test
    void aGroupRevokeRemovesAccess() {
        AccessMatrix matrix = new AccessMatrix(null);
        String server = createServer().getString("server.id");
        matrix.announceServerGrant(server);
        awaitStatus(matrix, Caller.SERVER_GROUP, "/v1/servers/" + server, 200);

        matrix.announceServerRevoke(server);

        awaitStatus(matrix, Caller.SERVER_GROUP, "/v1/servers/" + server, 404);
        matrix.check(Caller.SERVER_GROUP, "DELETE", "/v1/servers/" + server, null, 404).verify();
    }

    @Test
    void tokensThatFailVerificationAre401WithTheInvalidTokenChallenge(@TempDir Path otherKeys)
            throws Exception {
        String expired = TestIdentities.issuer().mint("late", List.of(TestIdentities.MANAGERS_GROUP), Duration.ofMinutes(-5));
        String foreign = DevIssuer.loadOrCreate(otherKeys).mint("mallory", List.of(TestIdentities.MANAGERS_GROUP),
                Duration.ofHours(1));
        String[] parts = TestIdentities.manager().split("\\.");
        String widened = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                        .replace("test-admin", "root").getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        String otherApi = TestIdentities.issuer().mint("kai", List.of(TestIdentities.MANAGERS_GROUP), Duration.ofHours(1),
                "another-api");
        for (String token : List.of(expired, foreign, widened, otherApi, "not-a-jwt", parts[0] + "." + parts[1] + ".")) {
            given().header("Authorization", "Bearer " + token).get("/v1/servers").then()
                    .statusCode(401)
                    .contentType("application/problem+json")
                    .header("WWW-Authenticate", containsString("error=\"invalid_token\""));
        }
        given().header("Authorization", TestIdentities.ANONYMOUS).get("/v1/servers").then()
                .statusCode(401)
                .header("WWW-Authenticate", equalTo("Bearer realm=\"connect-control-plane\""))
                .body("detail", containsString("bearer token"));
        assertThat(Files.exists(otherKeys.resolve(DevIssuer.PRIVATE_KEY_FILE))).isTrue();
    }

    @Test
    void healthAndOpenApiStayPublicEvenWithAStaleToken() {
        String expired = TestIdentities.issuer().mint("late", List.of(), Duration.ofMinutes(-5));
        // readiness may still be DOWN (503) right after start; what matters is that no token is asked for
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().header("Authorization", TestIdentities.ANONYMOUS)
                .get("/q/health/ready").then().statusCode(200));
        given().header("Authorization", "Bearer " + expired).get("/q/health/ready").then().statusCode(200);
        given().header("Authorization", TestIdentities.ANONYMOUS).get("/q/openapi").then().statusCode(200);
    }

    private static JsonPath createServer() {
        return given().contentType(ContentType.JSON).body(Map.of("name", unique("Matrix")))
                .post("/v1/servers").then().statusCode(201).extract().jsonPath();
    }

    private static String basic(JsonPath created) {
        return "Basic " + Base64.getEncoder().encodeToString((created.getString("server.id") + ":"
                + created.getString("credentials.secret")).getBytes(StandardCharsets.UTF_8));
    }

    private static void awaitStatus(AccessMatrix matrix, Caller caller, String path, int status) {
        await().atMost(Duration.ofSeconds(20))
                .until(() -> matrix.as(caller).get(path).statusCode() == status);
    }

    private static List<Object> ids(List<Map<String, Object>> rows) {
        return rows.stream().map(row -> row.get("id")).toList();
    }
}

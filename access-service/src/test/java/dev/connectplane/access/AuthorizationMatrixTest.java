package dev.connectplane.access;

import static dev.connectplane.access.AccessTestSupport.knownServer;
import static dev.connectplane.access.AccessTestSupport.registerGroup;
import static dev.connectplane.access.AccessTestSupport.registerVault;
import static dev.connectplane.access.AccessTestSupport.unique;
import static dev.connectplane.testing.AccessMatrix.expect;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.connectplane.contracts.common.VaultRef;
import dev.connectplane.testing.AccessMatrix.Caller;
import dev.connectplane.testing.AccessMatrix;
import dev.connectplane.testing.ConnectInfraResource;
import dev.connectplane.testing.Pages;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Who may do what on access-service, for every endpoint and every kind of caller. access-service
 * owns the grants, so they count from their commit: no waiting for a projection here.
 */
@QuarkusTest
@QuarkusTestResource(ConnectInfraResource.class)
class AuthorizationMatrixTest {

    @Inject
    Pool pool;

    @Test
    void everyEndpointAnswersEachKindOfCallerAsTheTableSays() {
        String s = knownServer(pool);
        String t = knownServer(pool);
        VaultRef vault = registerVault(unique("Matrix vault"), "user_created");
        AccessMatrix matrix = grantedMatrix(s);
        String sVaults = "/v1/servers/" + s + "/vaults";
        String tVaults = "/v1/servers/" + t + "/vaults";
        String outsiders = "/v1/groups/" + matrix.outsiderGroup() + "/grants";

        matrix.check("GET", "/v1/vaults", null, expect(200, 200, 200, 200, 401, 401))
                .check("GET", "/v1/groups", null, expect(200, 200, 200, 200, 401, 401))
                .check("POST", "/v1/vaults", Map.of("name", unique("v"), "type", "user_created"), expect(201, 403, 403, 403, 401, 401))
                .check("POST", "/v1/groups", Map.of("name", unique("g")), expect(201, 403, 403, 403, 401, 401))
                .check("POST", sVaults, Map.of("vault", vault.vaultId()), expect(201, 200, 200, 404, 401, 401))
                .check("GET", sVaults, null, expect(200, 200, 200, 404, 401, 401))
                .check("POST", tVaults, Map.of("vault", vault.vaultId()), expect(201, 404, 200, 404, 401, 401))
                .check("GET", tVaults, null, expect(200, 404, 200, 404, 401, 401))
                .check("DELETE", tVaults + "/" + vault.vaultId(), null, Map.of(Caller.SERVER_GROUP, 404, Caller.OUTSIDER, 404,
                        Caller.ANONYMOUS, 401, Caller.SERVER_CREDENTIALS, 401))
                .check("GET", "/v1/servers/" + s + "/managers", null, expect(200, 200, 200, 404, 401, 401))
                .check("GET", "/v1/servers/" + t + "/managers", null, expect(200, 404, 200, 404, 401, 401))
                .check("GET", "/v1/group-grants", null, expect(200, 403, 403, 403, 401, 401))
                .check("GET", outsiders, null, expect(200, 403, 403, 403, 401, 401))
                .check("PUT", outsiders + "/servers/" + t, null, expect(201, 403, 403, 403, 401, 401))
                .check("DELETE", outsiders + "/servers/" + t, null, expect(204, 403, 403, 403, 401, 401))
                .check("PUT", outsiders + "/all-servers", null, Map.of(Caller.SERVER_GROUP, 403, Caller.ALL_SERVERS_GROUP, 403,
                        Caller.OUTSIDER, 403, Caller.ANONYMOUS, 401, Caller.SERVER_CREDENTIALS, 401))
                .check("PUT", outsiders + "/managers", null, Map.of(Caller.SERVER_GROUP, 403, Caller.ALL_SERVERS_GROUP, 403,
                        Caller.OUTSIDER, 403, Caller.ANONYMOUS, 401, Caller.SERVER_CREDENTIALS, 401))
                .check(Caller.SERVER_GROUP, "DELETE", sVaults + "/" + vault.vaultId(), null, 204)
                .verify();
    }

    @Test
    void aGroupGrantedAsManagersMayDoEverythingAndLosesItOnRevoke() {
        String s = knownServer(pool);
        AccessMatrix matrix = grantedMatrix(s);
        String outsiders = "/v1/groups/" + matrix.outsiderGroup() + "/grants";
        given().put(outsiders + "/managers").then().statusCode(201);

        matrix.check(Caller.OUTSIDER, "GET", "/v1/group-grants", null, 200)
                .check(Caller.OUTSIDER, "GET", "/v1/servers/" + s + "/vaults", null, 200)
                .verify();

        given().delete(outsiders + "/managers").then().statusCode(204);

        matrix.check(Caller.OUTSIDER, "GET", "/v1/group-grants", null, 403)
                .check(Caller.OUTSIDER, "GET", "/v1/servers/" + s + "/vaults", null, 404)
                .verify();
    }

    @Test
    void anAllServersGrantCoversALaterServerAndARevokeRemovesIt() {
        String first = knownServer(pool);
        AccessMatrix matrix = grantedMatrix(first);
        String later = knownServer(pool);

        matrix.check(Caller.ALL_SERVERS_GROUP, "GET", "/v1/servers/" + later + "/vaults", null, 200).verify();
        given().delete("/v1/groups/" + matrix.allServersGroup() + "/grants/all-servers").then().statusCode(204);
        given().delete("/v1/groups/" + matrix.serverGroup() + "/grants/servers/" + first).then().statusCode(204);

        matrix.check(Caller.ALL_SERVERS_GROUP, "GET", "/v1/servers/" + later + "/vaults", null, 404)
                .check(Caller.SERVER_GROUP, "GET", "/v1/servers/" + first + "/vaults", null, 404)
                .verify();
        List<String> grantedGroups = Pages.field("/v1/group-grants", "group_name");
        assertThat(grantedGroups).doesNotContain(matrix.serverGroup(), matrix.allServersGroup());
    }

    /** Registers the matrix's groups and grants them as access-service's own API does. */
    private static AccessMatrix grantedMatrix(String server) {
        AccessMatrix matrix = new AccessMatrix("Basic " + Base64.getEncoder()
                .encodeToString((server + ":not-a-user").getBytes(StandardCharsets.UTF_8)));
        registerGroup(matrix.serverGroup());
        registerGroup(matrix.allServersGroup());
        registerGroup(matrix.outsiderGroup());
        given().put("/v1/groups/" + matrix.serverGroup() + "/grants/servers/" + server).then().statusCode(201);
        given().put("/v1/groups/" + matrix.allServersGroup() + "/grants/all-servers").then().statusCode(201);
        return matrix;
    }
}

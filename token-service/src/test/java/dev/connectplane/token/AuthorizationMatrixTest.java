package dev.connectplane.token;

import static dev.connectplane.testing.AccessMatrix.expect;
import static dev.connectplane.token.TokenTestSupport.knownServer;
import static dev.connectplane.token.TokenTestSupport.token;
import static dev.connectplane.token.TokenTestSupport.unique;
import static dev.connectplane.token.TokenTestSupport.vault;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.connectplane.contracts.common.VaultRef;
import dev.connectplane.testing.AccessMatrix.Caller;
import dev.connectplane.testing.AccessMatrix;
import dev.connectplane.testing.ConnectInfraResource;
import dev.connectplane.testing.Pages;
import dev.connectplane.token.TokenTestSupport.TestServer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Who may do what on token-service, for every endpoint and every kind of caller, including
 * another server's token ID in the path and introspection by a server's own credentials.
 * Grants reach token-service as access events.
 */
@QuarkusTest
@QuarkusTestResource(ConnectInfraResource.class)
class AuthorizationMatrixTest {

    @Inject
    Pool pool;

    @Test
    void everyEndpointAnswersEachKindOfCallerAsTheTableSays() {
        VaultRef sVault = vault("S vault");
        VaultRef tVault = vault("T vault");
        TestServer s = knownServer(pool, sVault);
        TestServer t = knownServer(pool, tVault);
        String[] sToken = token(s, sVault.vaultName());
        String[] tToken = token(t, tVault.vaultName());
        AccessMatrix matrix = new AccessMatrix(s.basicAuth());
        matrix.announceGrants(s.id());
        awaitStatus(matrix, Caller.SERVER_GROUP, "/v1/servers/" + s.id() + "/tokens", 200);
        awaitStatus(matrix, Caller.ALL_SERVERS_GROUP, "/v1/servers/" + t.id() + "/tokens", 200);
        String sTokens = "/v1/servers/" + s.id() + "/tokens";
        String tTokens = "/v1/servers/" + t.id() + "/tokens";

        matrix.check("POST", "/v1/tokens", Map.of("name", unique("m"), "server", s.id(), "vaults", List.of(sVault.vaultName())),
                        expect(201, 201, 201, 404, 401, 401))
                .check("POST", "/v1/tokens", Map.of("name", unique("m"), "server", t.name(), "vaults", List.of(tVault.vaultName())),
                        expect(201, 404, 201, 404, 401, 401))
                .check("GET", "/v1/tokens", null, expect(200, 200, 200, 200, 401, 401))
                .check("GET", "/v1/tokens?server=" + s.id(), null, expect(200, 200, 200, 404, 401, 401))
                .check("GET", sTokens, null, expect(200, 200, 200, 404, 401, 401))
                .check("GET", tTokens, null, expect(200, 404, 200, 404, 401, 401))
                .check("GET", sTokens + "/" + sToken[0], null, expect(200, 200, 200, 404, 401, 401))
                // another server's token ID in the path
                .check("GET", sTokens + "/" + tToken[0], null, expect(404, 404, 404, 404, 401, 401))
                .check("GET", tTokens + "/" + tToken[0], null, expect(200, 404, 200, 404, 401, 401))
                // a server name that exists only on a server the caller cannot see
                .check("GET", "/v1/servers/" + t.name() + "/tokens", null, expect(200, 404, 200, 404, 401, 401))
                .check("PATCH", sTokens + "/" + sToken[0], Map.of("name", unique("renamed")), expect(200, 200, 200, 404, 401, 401))
                .check("PATCH", tTokens + "/" + tToken[0], Map.of("name", unique("renamed")), expect(200, 404, 200, 404, 401, 401))
                .check("DELETE", tTokens + "/" + tToken[0], null, Map.of(Caller.SERVER_GROUP, 404, Caller.OUTSIDER, 404,
                        Caller.ANONYMOUS, 401, Caller.SERVER_CREDENTIALS, 401))
                .check("POST", "/v1/tokens/introspect", Map.of("token", sToken[1]), expect(200, 403, 403, 403, 401, 200))
                .check("GET", "/v1/signing-keys", null, expect(200, 403, 403, 403, 401, 401))
                .check("POST", "/v1/signing-keys/no-such-key/retire", null, expect(404, 403, 403, 403, 401, 401))
                .check("GET", "/.well-known/jwks.json", null, expect(200, 200, 200, 200, 200, 200))
                .verify();

        List<Object> memberSees = ids(Pages.all(() -> matrix.as(Caller.SERVER_GROUP), "/v1/tokens"));
        List<Object> outsiderSees = ids(Pages.all(() -> matrix.as(Caller.OUTSIDER), "/v1/tokens"));
        assertThat(memberSees).contains(sToken[0]).doesNotContain(tToken[0]);
        assertThat(outsiderSees).doesNotContain(sToken[0], tToken[0]);
        assertThat(matrix.as(Caller.SERVER_CREDENTIALS).contentType("application/json")
                .body(Map.of("token", tToken[1])).post("/v1/tokens/introspect").jsonPath().getMap(""))
                .isEqualTo(Map.of("active", false));
    }

    @Test
    void membersDeleteTheTokensOfTheirServerOnly() {
        VaultRef sVault = vault("S vault");
        TestServer s = knownServer(pool, sVault);
        String[] byMember = token(s, sVault.vaultName());
        String[] byPlatform = token(s, sVault.vaultName());
        AccessMatrix matrix = new AccessMatrix(s.basicAuth());
        matrix.announceGrants(s.id());
        awaitStatus(matrix, Caller.SERVER_GROUP, "/v1/servers/" + s.id() + "/tokens", 200);
        awaitStatus(matrix, Caller.ALL_SERVERS_GROUP, "/v1/servers/" + s.id() + "/tokens", 200);
        String tokens = "/v1/servers/" + s.id() + "/tokens/";

        matrix.check(Caller.OUTSIDER, "DELETE", tokens + byMember[0], null, 404)
                .check(Caller.SERVER_CREDENTIALS, "DELETE", tokens + byMember[0], null, 401)
                .check(Caller.SERVER_GROUP, "DELETE", tokens + byMember[0], null, 204)
                .check(Caller.ALL_SERVERS_GROUP, "DELETE", tokens + byPlatform[0], null, 204)
                .verify();
    }

    @Test
    void anAllServersGrantCoversALaterServerAndAGroupRevokeRemovesAccess() {
        AccessMatrix matrix = new AccessMatrix(null);
        VaultRef firstVault = vault("first");
        TestServer first = knownServer(pool, firstVault);
        matrix.announceGrants(first.id());
        awaitStatus(matrix, Caller.SERVER_GROUP, "/v1/servers/" + first.id() + "/tokens", 200);
        awaitStatus(matrix, Caller.ALL_SERVERS_GROUP, "/v1/servers/" + first.id() + "/tokens", 200);

        VaultRef laterVault = vault("later");
        TestServer later = knownServer(pool, laterVault);
        matrix.check(Caller.ALL_SERVERS_GROUP, "POST", "/v1/tokens",
                        Map.of("name", unique("later"), "server", later.id(), "vaults", List.of(laterVault.vaultName())), 201)
                .check(Caller.SERVER_GROUP, "GET", "/v1/servers/" + later.id() + "/tokens", null, 404)
                .verify();

        matrix.announceServerRevoke(first.id());
        awaitStatus(matrix, Caller.SERVER_GROUP, "/v1/servers/" + first.id() + "/tokens", 404);
        matrix.check(Caller.SERVER_GROUP, "POST", "/v1/tokens",
                Map.of("name", unique("after"), "server", first.id(), "vaults", List.of(firstVault.vaultName())), 404).verify();
    }

    private static void awaitStatus(AccessMatrix matrix, Caller caller, String path, int status) {
        await().atMost(Duration.ofSeconds(20)).until(() -> matrix.as(caller).get(path).statusCode() == status);
    }

    private static List<Object> ids(List<Map<String, Object>> rows) {
        return rows.stream().map(row -> row.get("id")).toList();
    }
}

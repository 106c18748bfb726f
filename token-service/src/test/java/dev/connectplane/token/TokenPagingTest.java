package dev.connectplane.token;

import static dev.connectplane.token.TokenTestSupport.knownServer;
import static dev.connectplane.token.TokenTestSupport.token;
import static dev.connectplane.token.TokenTestSupport.vault;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;

import dev.connectplane.contracts.common.VaultRef;
import dev.connectplane.testing.ConnectInfraResource;
import dev.connectplane.testing.Pages;
import dev.connectplane.token.TokenTestSupport.TestServer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Token lists a page at a time: a server's tokens oldest first and all tokens by server, every
 * token once with its vaults, a cursor that holds while tokens are created, and 400 problems
 * for a bad limit or a cursor of another list.
 */
@QuarkusTest
@QuarkusTestResource(ConnectInfraResource.class)
class TokenPagingTest {

    @Inject
    Pool pool;

    @Test
    void aServersTokensComeOldestFirstOncePerPageWithTheirVaults() {
        VaultRef prod = vault("Prod");
        TestServer server = knownServer(pool, prod);
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(token(server, prod.vaultName())[0]);
        }

        List<String> seen = new ArrayList<>();
        String next = "/v1/servers/" + server.id() + "/tokens?limit=2";
        Response first = given().get(next);
        seen.addAll(first.jsonPath().getList("id"));
        assertThat(first.jsonPath().getList("vaults.id").toString()).contains(prod.vaultId());
        next = Pages.nextOf(first.header("Link"));
        String added = token(server, prod.vaultName())[0];
        while (next != null) {
            Response page = given().urlEncodingEnabled(false).get(next);
            page.then().statusCode(200);
            assertThat(page.jsonPath().getList("id").size()).isLessThanOrEqualTo(2);
            seen.addAll(page.jsonPath().getList("id"));
            next = Pages.nextOf(page.header("Link"));
        }

        List<String> expected = new ArrayList<>(created);
        expected.add(added);
        assertThat(seen).containsExactlyElementsOf(expected);
    }

    @Test
    void allTokensPageByServerWithoutRepeatsAndTheServerFilterPagesToo() {
        VaultRef prod = vault("Prod");
        TestServer one = knownServer(pool, prod);
        TestServer other = knownServer(pool, prod);
        for (int i = 0; i < 3; i++) {
            token(one, prod.vaultName());
            token(other, prod.vaultName());
        }

        List<String> whole = Pages.field("/v1/tokens", "id");
        List<String> byTwos = new ArrayList<>();
        String next = "/v1/tokens?limit=2";
        while (next != null) {
            Response page = given().urlEncodingEnabled(false).get(next);
            byTwos.addAll(page.jsonPath().getList("id"));
            next = Pages.nextOf(page.header("Link"));
        }
        List<String> ofOne = Pages.field("/v1/tokens?server=" + one.id(), "id");

        assertThat(byTwos).doesNotHaveDuplicates().containsExactlyElementsOf(whole);
        assertThat(ofOne).hasSize(3).isSubsetOf(whole);
        Response filtered = given().get("/v1/tokens?server=" + one.id() + "&limit=1");
        assertThat(Pages.nextOf(filtered.header("Link"))).contains("server=" + one.id()).contains("limit=1");
    }

    @Test
    void aBadLimitOrACursorOfAnotherListIsA400Problem() {
        VaultRef prod = vault("Prod");
        TestServer server = knownServer(pool, prod);
        token(server, prod.vaultName());
        token(server, prod.vaultName());
        String cursorOfAllTokens = Pages.nextOf(given().get("/v1/tokens?limit=1").header("Link"));
        String cursor = cursorOfAllTokens.replaceAll(".*cursor=([^&]+).*", "$1");

        given().urlEncodingEnabled(false).get("/v1/servers/" + server.id() + "/tokens?cursor=" + cursor).then()
                .statusCode(400).contentType("application/problem+json").body("type", endsWith("/invalid-cursor"));
        given().get("/v1/tokens?limit=0").then().statusCode(400).body("type", endsWith("/invalid-limit"));
        given().get("/v1/servers/" + server.id() + "/tokens?limit=5000").then().statusCode(400)
                .body("type", endsWith("/invalid-limit"));
    }
}

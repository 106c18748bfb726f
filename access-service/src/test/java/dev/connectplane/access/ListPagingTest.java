package dev.connectplane.access;

import static dev.connectplane.access.AccessTestSupport.registerGroup;
import static dev.connectplane.access.AccessTestSupport.registerVault;
import static dev.connectplane.access.AccessTestSupport.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;

import dev.connectplane.contracts.common.VaultRef;
import dev.connectplane.testing.ConnectInfraResource;
import dev.connectplane.testing.Pages;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every list of access-service a page at a time: the directory's vaults and groups, a server's
 * vault grants, a group's grants, a server's managers and every group grant. Read two rows a
 * page, each list is the same as read whole, every row once; a bad limit or cursor is a 400.
 */
@QuarkusTest
@QuarkusTestResource(ConnectInfraResource.class)
class ListPagingTest {

    @Inject
    Pool pool;

    private String server;
    private String group;
    private final List<String> vaultNames = new ArrayList<>();

    @BeforeEach
    void someOfEach() {
        server = AccessTestSupport.knownServer(pool);
        group = unique("Pager");
        registerGroup(group);
        for (int i = 0; i < 5; i++) {
            VaultRef vault = registerVault(unique("Paged " + i), "user_created");
            vaultNames.add(vault.vaultName());
            given().contentType(ContentType.JSON).body(Map.of("vault", vault.vaultName()))
                    .post("/v1/servers/" + server + "/vaults").then().statusCode(201);
        }
        for (int i = 0; i < 3; i++) {
            String another = AccessTestSupport.knownServer(pool);
            given().put("/v1/groups/" + group + "/grants/servers/" + another).then().statusCode(201);
        }
        given().put("/v1/groups/" + group + "/grants/servers/" + server).then().statusCode(201);
        given().put("/v1/groups/" + group + "/grants/all-servers").then().statusCode(201);
    }

    @Test
    void everyListReadTwoRowsAPageIsTheListReadWhole() {
        Map<String, String> lists = Map.of(
                "/v1/vaults", "id",
                "/v1/groups", "id",
                "/v1/servers/" + server + "/vaults", "vault_id",
                "/v1/groups/" + group + "/grants", "server_id",
                "/v1/servers/" + server + "/managers", "group_id",
                "/v1/group-grants", "group_id");
        lists.forEach((path, field) -> {
            List<Map<String, Object>> whole = Pages.all(path);
            List<Map<String, Object>> byTwos = byTwos(path);
            assertThat(byTwos).as(path).hasSize(whole.size()).containsExactlyElementsOf(whole).doesNotHaveDuplicates();
            assertThat(whole).as(path).isNotEmpty().allSatisfy(row -> assertThat(row).containsKey(field));
        });
    }

    @Test
    void aServersVaultsComeByNameAndAGroupsGrantsByScopeThenServer() {
        List<String> names = Pages.field("/v1/servers/" + server + "/vaults", "vault_name");
        assertThat(names).containsExactlyElementsOf(vaultNames.stream().sorted().toList());
        List<Map<String, Object>> grants = Pages.all("/v1/groups/" + group + "/grants");
        assertThat(grants).hasSize(5);
        assertThat(grants.stream().map(grant -> grant.get("scope")).distinct().toList())
                .containsExactly("all_servers", "server");
        assertThat(grants.stream().filter(grant -> "server".equals(grant.get("scope")))
                .map(grant -> (String) grant.get("server_id")).toList())
                .isSortedAccordingTo(Comparator.naturalOrder());
    }

    @Test
    void aBadLimitOrCursorIsA400Problem() {
        given().get("/v1/group-grants?limit=0").then().statusCode(400).contentType("application/problem+json")
                .body("type", endsWith("/invalid-limit"));
        String cursorOfVaults = Pages.nextOf(given().get("/v1/vaults?limit=1").header("Link")).replaceAll(".*cursor=([^&]+).*", "$1");
        given().urlEncodingEnabled(false).get("/v1/group-grants?cursor=" + cursorOfVaults).then().statusCode(400)
                .body("type", endsWith("/invalid-cursor"));
        given().get("/v1/groups/" + group + "/grants?cursor=nonsense").then().statusCode(400)
                .body("type", endsWith("/invalid-cursor"));
    }

    private static List<Map<String, Object>> byTwos(String path) {
        List<Map<String, Object>> rows = new ArrayList<>();
        String next = path + "?limit=2";
        boolean first = true;
        while (next != null) {
            Response page = first ? given().get(next) : given().urlEncodingEnabled(false).get(next);
            first = false;
            page.then().statusCode(200);
            List<Map<String, Object>> items = page.jsonPath().getList("");
            assertThat(items.size()).as(next).isLessThanOrEqualTo(2);
            rows.addAll(items);
            next = Pages.nextOf(page.header("Link"));
        }
        return rows;
    }
}

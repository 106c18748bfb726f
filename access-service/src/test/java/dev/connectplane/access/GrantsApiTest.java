package dev.connectplane.access;

import static dev.connectplane.access.AccessTestSupport.count;
import static dev.connectplane.access.AccessTestSupport.registerGroup;
import static dev.connectplane.access.AccessTestSupport.registerVault;
import static dev.connectplane.access.AccessTestSupport.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

import dev.connectplane.contracts.common.VaultRef;
import dev.connectplane.foundation.ids.IdGenerator;
import dev.connectplane.testing.ConnectInfraResource;
import dev.connectplane.testing.Pages;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Vault grants, group grants and the directory through the REST API, with their error answers. */
@QuarkusTest
@QuarkusTestResource(ConnectInfraResource.class)
class GrantsApiTest {

    @Inject
    Pool pool;

    @Test
    void grantingTwiceIsOneGrantAndRevokingTwiceIs404() {
        String server = AccessTestSupport.knownServer(pool);
        VaultRef vault = registerVault(unique("Kubernetes"), "user_created");

        grantVault(server, vault.vaultName()).statusCode(201).body("created", equalTo(true))
                .body("vault_id", equalTo(vault.vaultId()));
        grantVault(server, vault.vaultId()).statusCode(200).body("created", equalTo(false));
        assertThat(events(server, "connect.vault.granted.v1")).isEqualTo(1);

        given().delete("/v1/servers/" + server + "/vaults/" + vault.vaultName()).then().statusCode(204);
        given().delete("/v1/servers/" + server + "/vaults/" + vault.vaultId()).then().statusCode(404)
                .contentType("application/problem+json").body("type", containsString("vault-grant-not-found"));
        assertThat(events(server, "connect.vault.revoked.v1")).isEqualTo(1);
        given().get("/v1/servers/" + server + "/vaults").then().statusCode(200).body("vault_id", not(hasItem(vault.vaultId())));
    }

    @ParameterizedTest
    @ValueSource(strings = {"personal", "private", "employee"})
    void builtInVaultsAreRefusedAndNothingChanges(String type) {
        String server = AccessTestSupport.knownServer(pool);
        VaultRef vault = registerVault(unique(type), type);

        nothingWritten(server, () -> grantVault(server, vault.vaultName()).statusCode(422)
                .body("type", containsString("protected-vault")).body("detail", containsString(vault.vaultName())));
    }

    @Test
    void theDefaultSharedVaultIsRefusedAndThereIsOnlyOne() {
        String server = AccessTestSupport.knownServer(pool);
        String shared = (String) Pages.all("/v1/vaults").stream().filter(vault -> "default_shared".equals(vault.get("type")))
                .findFirst().orElseThrow().get("id");

        nothingWritten(server, () -> grantVault(server, shared).statusCode(422));
        given().contentType(ContentType.JSON).body(Map.of("name", unique("Shared"), "type", "default_shared"))
                .post("/v1/vaults").then().statusCode(409);
    }

    @Test
    void unknownServerVaultOrGroupIs404NamingIt() {
        String server = AccessTestSupport.knownServer(pool);
        String ghost = unique("Ghost");
        nothingWritten(server, () -> grantVault(server, ghost).statusCode(404).body("detail", containsString(ghost)));
        grantVault(unique("NoServer"), "Kubernetes").statusCode(404).body("type", containsString("server-not-found"));
        given().put("/v1/groups/" + ghost + "/grants/all-servers").then().statusCode(404)
                .body("type", containsString("group-not-found"));
    }

    @Test
    void anUnknownServerIdIs404OnceTheWaitIsOver() {
        long started = System.nanoTime();
        grantVault(IdGenerator.newId(), "Kubernetes").statusCode(404).body("type", containsString("server-not-found"));
        assertThat((System.nanoTime() - started) / 1_000_000).as("waited for a ServerCreated").isGreaterThanOrEqualTo(2900);
    }

    @Test
    void grantsRacingTheirServersCreationAreNotLost() throws Exception {
        VaultRef vault = registerVault(unique("Racing"), "user_created");
        List<String> serverIds = java.util.stream.IntStream.range(0, 8).mapToObj(i -> IdGenerator.newId()).toList();

        List<CompletableFuture<Integer>> grants = serverIds.stream().map(id -> CompletableFuture.supplyAsync(() ->
                grantVault(id, vault.vaultId()).extract().statusCode())).toList();
        // Deliberately late: the grants must already be waiting when the ServerCreated events are published.
        java.util.concurrent.TimeUnit.MILLISECONDS.sleep(300);
        serverIds.forEach(id -> AccessTestSupport.serverCreated(id, unique("Late")));

        for (CompletableFuture<Integer> grant : grants) {
            assertThat(grant.get()).isEqualTo(201);
        }
        for (String id : serverIds) {
            assertThat(count(pool, "select count(*) from access_service.vault_grant where server_id = $1", id))
                    .isEqualTo(1);
        }
    }

    @Test
    void ambiguousVaultNameIs409ListingTheIds() {
        String server = AccessTestSupport.knownServer(pool);
        String name = unique("Twin");
        VaultRef one = registerVault(name, "user_created");
        VaultRef two = registerVault(name, "user_created");

        nothingWritten(server, () -> grantVault(server, name).statusCode(409)
                .body("matches", hasItems(one.vaultId(), two.vaultId())));
    }

    @Test
    void groupGrantsOfEachScopeAreIndependent() {
        String server = AccessTestSupport.knownServer(pool);
        String group = unique("DevOps");
        String groupId = registerGroup(group);

        given().put("/v1/groups/" + group + "/grants/servers/" + server).then().statusCode(201)
                .body("scope", equalTo("server")).body("server_id", equalTo(server));
        given().put("/v1/groups/" + groupId + "/grants/servers/" + server).then().statusCode(200)
                .body("created", equalTo(false));
        given().put("/v1/groups/" + group + "/grants/all-servers").then().statusCode(201);
        given().put("/v1/groups/" + group + "/grants/managers").then().statusCode(201);
        given().get("/v1/groups/" + group + "/grants").then().statusCode(200)
                .body("scope", hasItems("server", "all_servers", "managers"));

        given().delete("/v1/groups/" + group + "/grants/all-servers").then().statusCode(204);
        given().delete("/v1/groups/" + group + "/grants/all-servers").then().statusCode(404)
                .body("type", containsString("group-grant-not-found"));
        assertThat(Pages.all("/v1/servers/" + server + "/managers")).filteredOn(grant -> groupId.equals(grant.get("group_id")))
                .extracting(grant -> grant.get("scope")).contains("server", "managers");

        given().delete("/v1/groups/" + group + "/grants/managers").then().statusCode(204);
        given().delete("/v1/groups/" + group + "/grants/servers/" + server).then().statusCode(204);
        given().get("/v1/groups/" + group + "/grants").then().statusCode(200).body("size()", equalTo(0));
        assertThat(count(pool, "select count(*) from access_service.outbox_event where event_type = 'connect.group.granted.v1' "
                + "and payload like '%' || $1 || '%'", groupId)).isEqualTo(3);
    }

    @Test
    void theSeedLoadedTheDirectoryAndTheBootstrapManagers() {
        assertThat(Pages.<String>field("/v1/vaults", "name")).contains("Kubernetes", "Customers", "Vendors", "Production",
                "Shared", "Private", "Personal", "Employee");
        assertThat(Pages.all("/v1/vaults")).filteredOn(vault -> "Personal".equals(vault.get("name")))
                .singleElement().satisfies(vault -> assertThat(vault.get("grantable_to_servers")).isEqualTo(false));
        assertThat(Pages.<String>field("/v1/groups", "name")).contains("Owners", "Administrators", "DevOps", "Platform");
        given().get("/v1/groups/Owners/grants").then().statusCode(200).body("scope", equalTo(List.of("managers")));
        assertThat(Pages.<String>field("/v1/group-grants", "group_name")).contains("Owners");
    }

    @Test
    void badDirectoryInputIsRefused() {
        given().contentType(ContentType.JSON).body(Map.of("name", "x", "type", "secret-stash"))
                .post("/v1/vaults").then().statusCode(400).body("detail", containsString("user_created"));
        given().contentType(ContentType.JSON).body("{\"name\": ").post("/v1/vaults").then().statusCode(400);
        given().contentType(ContentType.JSON).post("/v1/groups").then().statusCode(400);
        String group = unique("Dup");
        registerGroup(group);
        given().contentType(ContentType.JSON).body(Map.of("name", group.toLowerCase()))
                .post("/v1/groups").then().statusCode(409).body("type", containsString("group-name-taken"));
        given().contentType(ContentType.JSON).body(Map.of("name", "")).post("/v1/groups").then().statusCode(400);
        given().contentType(ContentType.JSON).body(Map.of("vault", "x", "extra", 1))
                .post("/v1/servers/whatever/vaults").then().statusCode(400);
    }

    private static ValidatableResponse grantVault(String server, String vault) {
        return given().contentType(ContentType.JSON).body(Map.of("vault", vault))
                .post("/v1/servers/" + server + "/vaults").then();
    }

    private long events(String serverId, String type) {
        return count(pool, "select count(*) from access_service.outbox_event where record_key = $1 and event_type = $2",
                serverId, type);
    }

    /** Runs a refused request and checks that the server got no grant and no event. */
    private void nothingWritten(String server, Supplier<ValidatableResponse> request) {
        long grants = count(pool, "select count(*) from access_service.vault_grant where server_id = $1", server);
        long events = count(pool, "select count(*) from access_service.outbox_event where record_key = $1", server);
        request.get();
        assertThat(count(pool, "select count(*) from access_service.vault_grant where server_id = $1", server))
                .isEqualTo(grants);
        assertThat(count(pool, "select count(*) from access_service.outbox_event where record_key = $1", server))
                .isEqualTo(events);
    }
}

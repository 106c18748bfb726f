package dev.connectplane.server;

import static dev.connectplane.server.TestSupport.count;
import static dev.connectplane.server.TestSupport.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.startsWith;

import dev.connectplane.contracts.access.VaultType;
import dev.connectplane.foundation.ids.IdGenerator;
import dev.connectplane.testing.ConnectInfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every kind of bad request gets RFC 9457 problem details with the fitting status, and none of
 * them writes anything: the server table and the outbox are unchanged afterwards.
 */
@QuarkusTest
@QuarkusTestResource(ConnectInfraResource.class)
class ServerBadInputTest {

    @Inject
    Pool pool;

    @ParameterizedTest
    @ValueSource(strings = {"{\"name\": ", "[1, 2]", "not json at all", "{\"name\": \"x\"} trailing"})
    void malformedJsonIs400(String body) {
        nothingWritten(() -> post(body).statusCode(400).body("type", containsString("malformed-body")));
    }

    @Test
    void unknownFieldIs400NamingIt() {
        nothingWritten(() -> post("{\"name\": \"x\", \"colour\": \"blue\"}").statusCode(400)
                .body("detail", containsString("colour")));
    }

    @Test
    void fieldOfTheWrongTypeIs400() {
        nothingWritten(() -> post("{\"name\": \"ok\", \"vaults\": \"Kubernetes\"}").statusCode(400));
        nothingWritten(() -> post("{\"name\": {\"nested\": true}}").statusCode(400));
    }

    @Test
    void missingBodyIs400() {
        nothingWritten(() -> given().contentType(ContentType.JSON).post("/v1/servers").then()
                .statusCode(400).contentType("application/problem+json"));
    }

    @Test
    void wrongContentTypeIs415() {
        nothingWritten(() -> given().contentType(ContentType.TEXT).body("name=x").post("/v1/servers").then()
                .statusCode(415).contentType("application/problem+json").body("status", equalTo(415)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "-", "tab\there", "line\nbreak", "zero\u200bwidth"})
    void invalidNamesAre400(String name) {
        nothingWritten(() -> postJson(Map.of("name", name)).statusCode(400)
                .body("type", containsString("invalid-server-name")));
    }

    @Test
    void nameOfTheFormOfAnIdIs400() {
        nothingWritten(() -> postJson(Map.of("name", IdGenerator.newId())).statusCode(400)
                .body("detail", containsString("form of an ID")));
    }

    @Test
    void namesUpTo128CharactersAreAcceptedAndLongerOnesRefused() {
        String prefix = unique("n");
        nothingWritten(() -> postJson(Map.of("name", prefix + "x".repeat(129 - prefix.length()))).statusCode(400)
                .body("detail", containsString("128")));
        postJson(Map.of("name", prefix + "x".repeat(128 - prefix.length()))).statusCode(201);
    }

    @Test
    void oversizedBodyIsRefused() {
        nothingWritten(() -> post("{\"name\": \"" + "x".repeat(70_000) + "\"}").statusCode(413));
    }

    @Test
    void duplicateNameIs409IgnoringCase() {
        String name = unique("Prod");
        postJson(Map.of("name", name)).statusCode(201);
        nothingWritten(() -> postJson(Map.of("name", name.toUpperCase())).statusCode(409)
                .body("type", containsString("server-name-taken")));
    }

    @Test
    void concurrentCreatesOfOneNameMakeOneServerAndConflicts() throws Exception {
        String name = unique("Race");
        List<java.util.concurrent.CompletableFuture<Integer>> attempts = java.util.stream.IntStream.range(0, 8)
                .mapToObj(i -> java.util.concurrent.CompletableFuture.supplyAsync(() ->
                        postJson(Map.of("name", i % 2 == 0 ? name : name.toUpperCase())).extract().statusCode()))
                .toList();
        List<Integer> statuses = new java.util.ArrayList<>();
        for (var attempt : attempts) {
            statuses.add(attempt.get());
        }

        assertThat(statuses).filteredOn(status -> status == 201).hasSize(1);
        assertThat(statuses).filteredOn(status -> status == 409).hasSize(7);
        assertThat(count(pool, "select count(*) from server_service.server where lower(name) = lower($1)", name))
                .isEqualTo(1);
    }

    @Test
    void renameToATakenNameIs409AndChangesNothing() {
        String taken = unique("Taken");
        postJson(Map.of("name", taken)).statusCode(201);
        String name = unique("Mine");
        String id = postJson(Map.of("name", name)).statusCode(201).extract().path("server.id");

        nothingWritten(() -> given().contentType(ContentType.JSON).body(Map.of("name", taken.toLowerCase()))
                .patch("/v1/servers/" + id).then().statusCode(409));
        given().get("/v1/servers/" + id).then().body("name", equalTo(name));
    }

    @Test
    void unknownServerIs404OnEveryVerb() {
        String ghost = unique("Ghost");
        given().get("/v1/servers/" + ghost).then().statusCode(404).contentType("application/problem+json")
                .body("detail", containsString(ghost)).body("server", equalTo(ghost));
        nothingWritten(() -> given().contentType(ContentType.JSON).body(Map.of("name", unique("x")))
                .patch("/v1/servers/" + ghost).then().statusCode(404));
        nothingWritten(() -> given().delete("/v1/servers/" + IdGenerator.newId()).then().statusCode(404));
    }

    @Test
    void unknownVaultsAre404NamingEveryOneAndCreateNothing() {
        String known = unique("Known");
        TestSupport.registerVault(pool, known, VaultType.USER_CREATED);
        String first = unique("Nope");
        String second = unique("Neither");

        nothingWritten(() -> postJson(Map.of("name", unique("Srv"), "vaults", List.of(known, first, second)))
                .statusCode(404).body("type", containsString("vault-not-found"))
                .body("vaults", hasItems(first, second))
                .body("detail", containsString(first)));
    }

    @ParameterizedTest
    @EnumSource(value = VaultType.class, names = {"PERSONAL", "PRIVATE", "EMPLOYEE", "DEFAULT_SHARED"})
    void protectedVaultsAre422AndCreateNothing(VaultType type) {
        String vault = unique(type.name());
        String vaultId = TestSupport.registerVault(pool, vault, type);

        nothingWritten(() -> postJson(Map.of("name", unique("Srv"), "vaults", List.of(vault))).statusCode(422)
                .body("type", containsString("protected-vault"))
                .body("detail", containsString(vault)));
        nothingWritten(() -> postJson(Map.of("name", unique("Srv"), "vaults", List.of(vaultId))).statusCode(422));
    }

    @Test
    void ambiguousVaultNameIs409ListingTheIds() {
        String name = unique("Twin");
        String one = TestSupport.registerVault(pool, name, VaultType.USER_CREATED);
        String two = TestSupport.registerVault(pool, name, VaultType.USER_CREATED);

        nothingWritten(() -> postJson(Map.of("name", unique("Srv"), "vaults", List.of(name))).statusCode(409)
                .body("matches", hasItems(one, two)));
        postJson(Map.of("name", unique("Srv"), "vaults", List.of(one))).statusCode(201);
    }

    @Test
    void unknownPathAndMethodAreProblems() {
        given().get("/v1/nothing-here").then().statusCode(404).contentType("application/problem+json");
        given().put("/v1/servers").then().statusCode(405).contentType("application/problem+json");
    }

    private static ValidatableResponse post(String body) {
        return given().contentType(ContentType.JSON).body(body).post("/v1/servers").then()
                .contentType(startsWith("application/problem+json"));
    }

    private static ValidatableResponse postJson(Object body) {
        return given().contentType(ContentType.JSON).body(body).post("/v1/servers").then();
    }

    private void nothingWritten(Supplier<ValidatableResponse> request) {
        long servers = count(pool, "select count(*) from server_service.server");
        long events = count(pool, "select count(*) from server_service.outbox_event");
        request.get();
        assertThat(count(pool, "select count(*) from server_service.server")).isEqualTo(servers);
        assertThat(count(pool, "select count(*) from server_service.outbox_event")).isEqualTo(events);
    }
}

package dev.connectplane.server;

import static dev.connectplane.server.TestSupport.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;

import dev.connectplane.contracts.access.GrantScope;
import dev.connectplane.contracts.access.GroupGranted;
import dev.connectplane.foundation.ids.IdGenerator;
import dev.connectplane.testing.ConnectInfraResource;
import dev.connectplane.testing.Pages;
import dev.connectplane.testing.TestEvents;
import dev.connectplane.testing.TestIdentities;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The server list a page at a time: every server once, in name order, across pages; a cursor
 * that stays valid while servers are added; and a 400 problem for a bad limit or cursor.
 */
@QuarkusTest
@QuarkusTestResource(ConnectInfraResource.class)
class ServerPagingTest {

    @Test
    void pagesHoldEveryServerOnceInNameOrderAndTheLastHasNoNextLink() {
        List<String> mine = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            mine.add(create(unique("Paging " + i)));
        }
        List<String> whole = Pages.field("/v1/servers", "name");

        List<String> paged = new ArrayList<>();
        String next = "/v1/servers?limit=3";
        int pages = 0;
        while (next != null) {
            Response page = given().urlEncodingEnabled(false).get(next);
            page.then().statusCode(200);
            List<String> names = page.jsonPath().getList("name");
            assertThat(names.size()).isLessThanOrEqualTo(3);
            paged.addAll(names);
            next = Pages.nextOf(page.header("Link"));
            pages++;
        }

        assertThat(paged).doesNotHaveDuplicates().containsAll(mine).containsExactlyElementsOf(whole);
        assertThat(paged.stream().filter(mine::contains).toList()).containsExactlyElementsOf(mine);
        assertThat(pages).as("a full last page has no empty page after it").isEqualTo((whole.size() + 2) / 3);
    }

    @Test
    void aCursorStaysValidWhileServersAreAdded() {
        for (int i = 0; i < 4; i++) {
            create(unique("Stable " + i));
        }
        List<String> before = Pages.field("/v1/servers", "name");
        Response first = given().get("/v1/servers?limit=2");
        List<String> seen = new ArrayList<>(first.jsonPath().getList("name"));
        String next = Pages.nextOf(first.header("Link"));

        String earlier = create(unique("0000 added"));
        String later = create(unique("zzzz added"));
        while (next != null) {
            Response page = given().urlEncodingEnabled(false).get(next);
            seen.addAll(page.jsonPath().getList("name"));
            next = Pages.nextOf(page.header("Link"));
        }

        assertThat(seen).doesNotHaveDuplicates().containsAll(before).contains(later).doesNotContain(earlier);
    }

    @Test
    void aMemberPagesThroughTheServersItsGroupMayManageAndNoOthers() {
        String group = unique("Pagers");
        String groupId = IdGenerator.newId();
        List<String> granted = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String name = create(unique("Granted " + i));
            String id = given().get("/v1/servers/" + name).then().statusCode(200).extract().path("id");
            TestEvents.publish(new GroupGranted(groupId, group, GrantScope.SERVER, id));
            granted.add(name);
        }
        create(unique("Not granted"));
        String member = TestIdentities.bearer("pager", group);
        await().atMost(Duration.ofSeconds(20)).until(() ->
                Pages.all(() -> given().header("Authorization", member), "/v1/servers").size() == 3);

        List<String> seen = new ArrayList<>();
        String next = "/v1/servers?limit=1";
        int pages = 0;
        while (next != null) {
            Response page = given().header("Authorization", member).urlEncodingEnabled(false).get(next);
            page.then().statusCode(200);
            seen.addAll(page.jsonPath().getList("name"));
            next = Pages.nextOf(page.header("Link"));
            pages++;
        }

        assertThat(seen).containsExactlyElementsOf(granted.stream().sorted().toList());
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void aBadLimitOrCursorIsA400ProblemAndNothingElse() {
        for (String limit : List.of("0", "1001", "ten", "-5")) {
            given().get("/v1/servers?limit=" + limit).then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("type", endsWith("/invalid-limit"))
                    .body("status", equalTo(400));
        }
        for (String cursor : List.of("garbage!", "cDEfeA")) {
            given().urlEncodingEnabled(false).get("/v1/servers?cursor=" + cursor).then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("type", endsWith("/invalid-cursor"));
        }
        // a NUL is refused for every parameter alike, before any resource reads it
        given().urlEncodingEnabled(false).get("/v1/servers?cursor=%00").then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", endsWith("/invalid-characters"));
        given().get("/v1/servers?limit=1000").then().statusCode(200);
    }

    @Test
    void theOpenApiDocumentNamesThePagingParameters() {
        String document = given().accept("application/json").get("/q/openapi").then().statusCode(200).extract().asString();

        assertThat(document).contains("\"limit\"", "\"cursor\"", "rel=\\\"next\\\"");
    }

    private static String create(String name) {
        given().contentType(ContentType.JSON).body(Map.of("name", name, "vaults", List.of()))
                .post("/v1/servers").then().statusCode(201);
        return name;
    }
}

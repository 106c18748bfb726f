package dev.connectplane.server;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import dev.connectplane.testing.ConnectInfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Health, readiness (database and Kafka), the OpenAPI document and metrics. */
@QuarkusTest
@QuarkusTestResource(ConnectInfraResource.class)
class OperationsEndpointsTest {

    @Test
    void readinessCoversTheDatabaseKafkaAndTheConsumersAssignments() {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).untilAsserted(() ->
                given().get("/q/health/ready").then().statusCode(200)
                        .body("status", equalTo("UP"))
                        .body("checks.name", hasItems("Reactive PostgreSQL connections health check",
                                "Kafka connection health check", "Kafka consumers joined"))
                        .body("checks.find { it.name == 'Kafka consumers joined' }.data.access-events",
                                equalTo("joined")));
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void openApiDocumentsTheServersApi() {
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body("paths", org.hamcrest.Matchers.hasKey("/v1/servers"))
                .body("paths", org.hamcrest.Matchers.hasKey("/v1/servers/{server}"))
                .body("components.securitySchemes.bearer.scheme", org.hamcrest.Matchers.equalTo("bearer"))
                .body("paths.'/v1/servers'.get.security[0]", org.hamcrest.Matchers.hasKey("bearer"));
    }

    @Test
    void metricsIncludeTheOutboxRelay() {
        given().get("/q/metrics").then().statusCode(200).body(containsString("connect_outbox_commit_to_ack"));
    }
}

package dev.connectplane.server;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.connectplane.contracts.envelope.EventCodec;
import dev.connectplane.testing.ConnectInfraResource;
import dev.connectplane.testing.OpenApiFuzz;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * Every operation of this service's OpenAPI document, fed hostile input ({@link OpenApiFuzz}),
 * answers below 500, and only with a status its document lists.
 */
@QuarkusTest
@QuarkusTestResource(ConnectInfraResource.class)
class HostileInputFuzzTest {

    @Test
    void noHostileRequestGetsAServerErrorOrAnUndocumentedAnswer() {
        OpenApiFuzz.run().verify("server-service");
    }

    /** The shared problem answers (ProblemResponsesFilter) are in the document, as problem+json. */
    @Test
    void theDocumentListsTheProblemAnswersEveryCallShares() {
        JsonNode responses = EventCodec.readTree(given().accept("application/json").get("/q/openapi?format=json")
                .then().statusCode(200).extract().asString()).at("/paths/~1v1~1servers~1{server}/get/responses");

        assertThat(responses.fieldNames()).toIterable().contains("200", "400", "401", "403", "404", "503");
        assertThat(responses.at("/503/content/application~1problem+json/schema/$ref").asText())
                .isEqualTo("#/components/schemas/Problem");
    }
}

package dev.connectplane.token;

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
        OpenApiFuzz.run().verify("token-service");
    }
}

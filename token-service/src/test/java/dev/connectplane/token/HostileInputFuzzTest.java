package dev.connectplane.token;

import static org.assertj.core.api.Assertions.assertThat;

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
    void noHostileRequestGetsAServerError() {
        OpenApiFuzz.Report report = OpenApiFuzz.run();

        report.undocumented().forEach(line -> System.out.println("undocumented: " + line));
        System.out.printf("token-service: %d hostile requests, %d server errors%n", report.sent(), report.serverErrors().size());
        assertThat(report.sent()).isGreaterThan(100);
        assertThat(report.serverErrors()).isEmpty();
        assertThat(report.undocumented()).as("answers the OpenAPI document does not list").isEmpty();
    }
}

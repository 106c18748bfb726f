package dev.connectplane.token;

import static dev.connectplane.token.TokenTestSupport.knownServer;
import static dev.connectplane.token.TokenTestSupport.unique;
import static dev.connectplane.token.TokenTestSupport.vault;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.connectplane.contracts.common.VaultRef;
import dev.connectplane.foundation.ids.IdGenerator;
import dev.connectplane.testing.ConnectInfraResource;
import dev.connectplane.testing.TestIdentities;
import dev.connectplane.token.TokenTestSupport.TestServer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A token create by a caller who may not manage the server never waits for the projections
 * (once it polled them for the whole 3 s), and answers the same whether the server exists.
 */
@QuarkusTest
@QuarkusTestResource(ConnectInfraResource.class)
class ProjectionWaitGateTest {

    @Inject
    Pool pool;

    @Inject
    MeterRegistry registry;

    @Test
    void anOutsidersTokenCreateNeitherWaitsNorTellsWhetherTheServerExists() {
        VaultRef prod = vault("Prod");
        TestServer existing = knownServer(pool, prod);
        String absent = IdGenerator.newId();
        String outsider = TestIdentities.bearer("olly", unique("Contractors"));
        double waitedBefore = waits("waited");

        Response onExisting = create(outsider, existing.id(), prod.vaultName());
        Response onAbsent = create(outsider, absent, prod.vaultName());

        assertThat(onExisting.statusCode()).isEqualTo(404);
        assertThat(onAbsent.statusCode()).isEqualTo(404);
        assertThat(onExisting.asString().replace(existing.id(), "ID")).isEqualTo(onAbsent.asString().replace(absent, "ID"));
        assertThat(waits("waited")).isEqualTo(waitedBefore);
    }

    private static Response create(String bearer, String server, String vault) {
        return given().header("Authorization", bearer).contentType(ContentType.JSON)
                .body(Map.of("name", unique("gate"), "server", server, "vaults", List.of(vault)))
                .post("/v1/tokens");
    }

    /** The counter's count, 0 before anything in this JVM asked for a wait (the counters come with the first). */
    private double waits(String outcome) {
        Counter counter = registry.find("connect.projection.waits").tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }
}

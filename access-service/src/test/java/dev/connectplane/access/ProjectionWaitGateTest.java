package dev.connectplane.access;

import static dev.connectplane.access.AccessTestSupport.knownServer;
import static dev.connectplane.access.AccessTestSupport.registerVault;
import static dev.connectplane.access.AccessTestSupport.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.connectplane.contracts.common.VaultRef;
import dev.connectplane.foundation.ids.IdGenerator;
import dev.connectplane.testing.ConnectInfraResource;
import dev.connectplane.testing.TestIdentities;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The projection wait runs only after the caller is known to be allowed to act on what the
 * request names, and within the caller's bound (CallerWaits): an outsider's answer for a server
 * that exists and for one that does not are the same, and neither waited.
 */
@QuarkusTest
@QuarkusTestResource(ConnectInfraResource.class)
class ProjectionWaitGateTest {

    /** One caller's requests at once for servers not heard of: more than its bound of 16. */
    private static final int REQUESTS = 20;

    @Inject
    Pool pool;

    @Inject
    MeterRegistry registry;

    @Test
    void anOutsiderCannotTellAServerThatExistsFromOneThatDoesNot() {
        String existing = knownServer(pool);
        String absent = IdGenerator.newId();
        VaultRef vault = registerVault(unique("Gate"), "user_created");
        String outsider = TestIdentities.bearer("olly", unique("Contractors"));
        double waitedBefore = waits("waited");
        double skippedBefore = waits("skipped");

        Response onExisting = grant(outsider, existing, vault.vaultName());
        Response onAbsent = grant(outsider, absent, vault.vaultName());

        assertThat(onExisting.statusCode()).isEqualTo(404);
        assertThat(onAbsent.statusCode()).isEqualTo(404);
        assertThat(onExisting.asString().replace(existing, "ID")).isEqualTo(onAbsent.asString().replace(absent, "ID"));
        assertThat(onExisting.contentType()).isEqualTo(onAbsent.contentType());
        assertThat(waits("waited")).as("no wait for a caller who may not act on the server").isEqualTo(waitedBefore);
        assertThat(waits("skipped")).isEqualTo(skippedBefore + 2);
    }

    @Test
    void aManagerWaitsForAServerNotHeardOfYetAndAtMostSixteenAtOnce() {
        VaultRef vault = registerVault(unique("Gate"), "user_created");
        String manager = TestIdentities.bearer(unique("busy-admin").replace(' ', '-'), TestIdentities.MANAGERS_GROUP);
        double waitedBefore = waits("waited");
        double refusedBefore = waits("refused");

        ExecutorService callers = Executors.newFixedThreadPool(REQUESTS);
        List<Response> answers;
        try {
            List<CompletableFuture<Response>> requests = IntStream.range(0, REQUESTS)
                    .mapToObj(i -> CompletableFuture.supplyAsync(() -> grant(manager, IdGenerator.newId(), vault.vaultName()),
                            callers))
                    .toList();
            answers = requests.stream().map(CompletableFuture::join).toList();
        } finally {
            callers.shutdown();
        }

        List<Response> tooMany = answers.stream().filter(answer -> answer.statusCode() == 503).toList();
        assertThat(answers).extracting(Response::statusCode).containsOnly(404, 503);
        assertThat(tooMany).as("beyond the caller's sixteen waits").isNotEmpty();
        tooMany.forEach(answer -> {
            assertThat(answer.header("Retry-After")).isNotBlank();
            assertThat(answer.asString()).contains("too many of your requests are waiting");
        });
        assertThat(waits("refused") - refusedBefore).isEqualTo(tooMany.size());
        assertThat(waits("waited") - waitedBefore).isEqualTo(REQUESTS - tooMany.size()).isLessThanOrEqualTo(16);
    }

    private static Response grant(String bearer, String server, String vault) {
        return given().header("Authorization", bearer).contentType(ContentType.JSON).body(Map.of("vault", vault))
                .post("/v1/servers/" + server + "/vaults");
    }

    private double waits(String outcome) {
        return registry.get("connect.projection.waits").tag("outcome", outcome).counter().count();
    }
}

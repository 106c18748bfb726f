package dev.connectplane.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connectplane.testing.ConnectInfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The tests run on the PostgreSQL major version users deploy (compose's {@code postgres:16}),
 * whichever infrastructure they got: processes, containers or an external database.
 */
@QuarkusTest
@QuarkusTestResource(ConnectInfraResource.class)
class DatabaseVersionTest {

    private static final int DEPLOYED_MAJOR = 16;

    @Inject
    Pool pool;

    @Test
    void theTestsRunOnTheDeployedMajorVersion() {
        int version = pool.query("show server_version_num").execute()
                .await().atMost(Duration.ofSeconds(10))
                .iterator().next().getString(0).transform(Integer::parseInt);
        assertThat(version / 10_000).as("server_version_num " + version).isEqualTo(DEPLOYED_MAJOR);
    }
}

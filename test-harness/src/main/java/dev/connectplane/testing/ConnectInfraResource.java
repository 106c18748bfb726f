package dev.connectplane.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Points a {@code @QuarkusTest} application at the shared real Kafka and PostgreSQL. The
 * infrastructure outlives each Quarkus start so that every test profile of the module reuses
 * it; {@link SharedInfra} stops it when the test JVM ends.
 */
public class ConnectInfraResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return SharedInfra.endpoints().quarkusProperties();
    }

    @Override
    public void stop() {
        // SharedInfra stops the processes when the JVM ends; other profiles still need them.
    }
}

package dev.connectplane.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.Map;

/**
 * Points a {@code @QuarkusTest} application at the shared real Kafka and PostgreSQL. The
 * infrastructure outlives each Quarkus start so that every test profile of the module reuses
 * it; {@link SharedInfra} stops it when the test JVM ends. The services trust the tests'
 * development issuer ({@link TestIdentities}), with {@value TestIdentities#MANAGERS_GROUP} as the
 * bootstrap managers group, and the other services' outbox watermarks come from
 * {@link StandInRelays}.
 */
public class ConnectInfraResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        Map<String, String> properties = new HashMap<>(SharedInfra.endpoints().quarkusProperties());
        properties.put("connect.auth.public-key-location", TestIdentities.publicKeyLocation());
        properties.put("connect.auth.managers-group", TestIdentities.MANAGERS_GROUP);
        StandInRelays.start();
        return properties;
    }

    @Override
    public void stop() {
        // SharedInfra stops the processes when the JVM ends; other profiles still need them.
    }
}

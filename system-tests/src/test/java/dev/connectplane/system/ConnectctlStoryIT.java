package dev.connectplane.system;

import dev.connectplane.testing.SharedInfra;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ConnectctlStory} against the four services as processes on the tests' Kafka and PostgreSQL. */
class ConnectctlStoryIT {

    private static SystemStack stack;

    @TempDir
    Path work;

    @BeforeAll
    static void start() throws Exception {
        stack = SystemStack.shared();
    }

    @Test
    void theWholeStoryThroughConnectctl() throws Exception {
        new ConnectctlStory(new ConnectctlStory.Target() {
            @Override
            public String url(String service) {
                return stack.url(service);
            }

            @Override
            public String kafkaBootstrapServers() {
                return SharedInfra.endpoints().kafkaBootstrapServers();
            }
        }, work).run();
    }
}

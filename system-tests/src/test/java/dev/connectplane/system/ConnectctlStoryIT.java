package dev.connectplane.system;

import dev.connectplane.infra.KafkaBroker;
import dev.connectplane.testing.SharedInfra;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
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

    /**
     * connectctl and the command sender sign in as {@code connect-subscriber} and
     * {@code connect-client} on the broker's secured listener, where the tests' broker has one, so
     * the story also runs under the ACLs of a secured stack.
     */
    @Test
    void theWholeStoryThroughConnectctl() throws Exception {
        Optional<KafkaBroker> secured = SharedInfra.securedKafka();
        new ConnectctlStory(new ConnectctlStory.Target() {
            @Override
            public String url(String service) {
                return stack.url(service);
            }

            @Override
            public String kafkaBootstrapServers() {
                return secured.flatMap(KafkaBroker::securedBootstrapServers)
                        .orElse(SharedInfra.endpoints().kafkaBootstrapServers());
            }

            @Override
            public Map<String, String> kafkaSignIn(String principal) {
                return secured.flatMap(KafkaBroker::credentials)
                        .map(credentials -> credentials.clientProperties(principal))
                        .orElse(Map.of());
            }

            @Override
            public Map<String, String> connectctlKafkaEnvironment(String principal) {
                return secured.flatMap(KafkaBroker::credentials)
                        .map(credentials -> Map.of("CONNECT_KAFKA_USERNAME", principal,
                                "CONNECT_KAFKA_PASSWORD_FILE", credentials.passwordFile(principal).toString()))
                        .orElse(Map.of());
            }
        }, work).run();
    }
}

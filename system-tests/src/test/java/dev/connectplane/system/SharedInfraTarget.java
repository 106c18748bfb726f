package dev.connectplane.system;

import dev.connectplane.infra.KafkaBroker;
import dev.connectplane.testing.SharedInfra;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link ConnectctlStory.Target} on the tests' shared broker. connectctl and the command sender
 * sign in as {@code connect-subscriber} and {@code connect-client} on the broker's secured listener
 * where the tests' broker has one (processes), so the story also runs under the ACLs of a secured
 * stack; on containers or an external broker they use the open endpoint.
 */
abstract class SharedInfraTarget implements ConnectctlStory.Target {

    private final Optional<KafkaBroker> secured = SharedInfra.securedKafka();

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
}

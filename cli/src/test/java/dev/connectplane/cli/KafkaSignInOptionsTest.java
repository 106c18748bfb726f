package dev.connectplane.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How {@code changes watch} signs in to a secured broker: the environment, or the local stack's settings. */
class KafkaSignInOptionsTest {

    @TempDir
    Path dir;

    @BeforeEach
    void isolate() {
        GlobalOptions.workingDirectory = dir;
    }

    @AfterEach
    void restore() {
        GlobalOptions.environment = System::getenv;
        GlobalOptions.workingDirectory = Path.of("");
    }

    @Test
    void anOpenBrokerNeedsNothing() {
        GlobalOptions.environment = name -> null;
        assertThat(new GlobalOptions().kafkaSignIn()).isEmpty();
    }

    @Test
    void theStacksSubscriberSignsInWithScramFromItsPasswordFile() throws Exception {
        Path state = Files.createDirectories(dir.resolve(".connect-plane"));
        Path password = Files.writeString(state.resolve("connect-subscriber.password"), "pw\n");
        Files.writeString(state.resolve("connectctl.properties"), "kafka.username=connect-subscriber\nkafka.password-file="
                + password + "\n");
        GlobalOptions.environment = Map.of("CONNECT_PLANE_HOME", dir.toString())::get;

        assertThat(new GlobalOptions().kafkaSignIn()).containsEntry("security.protocol", "SASL_PLAINTEXT")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required "
                        + "username=\"connect-subscriber\" password=\"pw\";");
    }

    @Test
    void aUsernameWithoutPasswordSaysWhatIsMissing() {
        GlobalOptions.environment = Map.of("CONNECT_KAFKA_USERNAME", "connect-subscriber")::get;
        assertThatThrownBy(() -> new GlobalOptions().kafkaSignIn()).isInstanceOf(CliException.class)
                .hasMessageContaining("CONNECT_KAFKA_PASSWORD_FILE");
    }
}

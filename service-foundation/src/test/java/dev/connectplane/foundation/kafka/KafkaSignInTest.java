package dev.connectplane.foundation.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaSignInTest {

    @TempDir
    Path dir;

    @Test
    void withoutAUsernameNothingIsWritten() {
        assertThat(KafkaSignIn.properties(Map.<String, String>of()::get)).isEmpty();
    }

    @Test
    void aUsernameAndPasswordFileSignInWithScram() throws Exception {
        Path file = Files.writeString(dir.resolve("token-service.password"), "s3cret\n");

        Map<String, String> properties = KafkaSignIn.properties(Map.of(KafkaSignIn.USERNAME, "token-service",
                KafkaSignIn.PASSWORD_FILE, file.toString())::get);

        assertThat(properties).containsEntry("kafka.security.protocol", "SASL_PLAINTEXT")
                .containsEntry("kafka.sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("kafka.sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required "
                        + "username=\"token-service\" password=\"s3cret\";");
    }

    @Test
    void quotesInThePasswordAreEscapedAndTheProtocolCanBeSsl() {
        Map<String, String> properties = KafkaSignIn.properties(Map.of(KafkaSignIn.USERNAME, "svc",
                KafkaSignIn.PASSWORD, "a\"b\\c", KafkaSignIn.PROTOCOL, "SASL_SSL")::get);

        assertThat(properties.get("kafka.sasl.jaas.config")).contains("password=\"a\\\"b\\\\c\";");
        assertThat(properties).containsEntry("kafka.security.protocol", "SASL_SSL");
    }

    @Test
    void aUsernameWithoutPasswordIsRefusedAtStart() {
        assertThatThrownBy(() -> KafkaSignIn.properties(Map.of(KafkaSignIn.USERNAME, "svc")::get))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("CONNECT_KAFKA_PASSWORD_FILE");
    }
}

package dev.connectplane.audit.messaging.out;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The delivery's settings keep credentials out of the URL, where they would be logged and stored. */
class OpenSearchBulkTest {

    @Test
    void aUrlWithCredentialsIsRefusedWithoutRepeatingThem() {
        assertThatThrownBy(() -> new OpenSearchBulk("https://siem:s3cr3t-pass@opensearch.example:9200", "connect-audit-ocsf",
                Optional.empty(), Optional.empty()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("password-file")
                .hasMessageNotContaining("s3cr3t-pass");
    }

    @Test
    void aPlainUrlNamesTheIndex() {
        assertThat(new OpenSearchBulk("http://127.0.0.1:9200", "connect-audit-ecs", Optional.empty(), Optional.empty()).index())
                .isEqualTo("connect-audit-ecs");
    }
}

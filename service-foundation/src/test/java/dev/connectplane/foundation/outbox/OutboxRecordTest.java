package dev.connectplane.foundation.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OutboxRecordTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "{\"token_id\":\"3hx8c1v5\"}", "Zürich café", "金庫の名前", "vault 🔐 keys 🗝️", "a\u0800b\u07ffc"})
    void theCountedUtf8LengthIsTheEncodedOne(String text) {
        assertThat(OutboxRecord.utf8Length(text)).isEqualTo(text.getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    void noTextHasNoLength() {
        assertThat(OutboxRecord.utf8Length(null)).isZero();
    }

    @Test
    void aLoneSurrogateIsCountedAsMuchAsAnyCharacterCouldTake() {
        assertThat(OutboxRecord.utf8Length("a\ud800b")).isGreaterThanOrEqualTo("a\ud800b".getBytes(StandardCharsets.UTF_8).length);
    }
}

package dev.connectplane.foundation.ids;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IdGeneratorTest {

    @Test
    void idsHaveTheContractFormAndDoNotRepeat() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String id = IdGenerator.newId();
            assertThat(id).matches("^[0-9a-z]{26}$");
            ids.add(id);
        }
        assertThat(ids).hasSize(10_000);
    }

    @Test
    void recognisesTheFormOfAnId() {
        assertThat(IdGenerator.looksLikeId("0123456789abcdefghijklmnop")).isTrue();
        assertThat(IdGenerator.looksLikeId("0123456789ABCDEFGHIJKLMNOP")).isFalse();
        assertThat(IdGenerator.looksLikeId("short")).isFalse();
        assertThat(IdGenerator.looksLikeId(null)).isFalse();
    }
}

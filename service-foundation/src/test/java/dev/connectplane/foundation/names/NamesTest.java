package dev.connectplane.foundation.names;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.connectplane.foundation.problem.ProblemException;
import org.junit.jupiter.api.Test;

class NamesTest {

    @Test
    void trimsAndKeepsOrdinaryNames() {
        assertThat(Names.validate("server", "  Prod: Customer details ")).isEqualTo("Prod: Customer details");
        assertThat(Names.validate("server", "Ünïcödé 服务器")).isEqualTo("Ünïcödé 服务器");
    }

    @Test
    void countsCharactersNotUtf16Units() {
        String emoji = "🔐".repeat(128);
        assertThat(Names.validate("server", emoji)).isEqualTo(emoji);
        assertThatThrownBy(() -> Names.validate("server", emoji + "🔐")).isInstanceOf(ProblemException.class);
    }

    @Test
    void refusesBlankDashIdsAndControlCharacters() {
        for (String bad : new String[] {null, "", " ", "-", "a\u0000b", "a\u202eb", "0123456789abcdefghijklmnop"}) {
            assertThatThrownBy(() -> Names.validate("server", bad)).as(String.valueOf(bad))
                    .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(400));
        }
    }
}

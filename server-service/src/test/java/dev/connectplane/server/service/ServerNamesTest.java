package dev.connectplane.server.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.connectplane.foundation.problem.ProblemException;
import org.junit.jupiter.api.Test;

class ServerNamesTest {

    @Test
    void trimsAndKeepsOrdinaryNames() {
        assertThat(ServerNames.validate("  Prod: Customer details ")).isEqualTo("Prod: Customer details");
        assertThat(ServerNames.validate("Ünïcödé 服务器")).isEqualTo("Ünïcödé 服务器");
    }

    @Test
    void countsCharactersNotUtf16Units() {
        String emoji = "🔐".repeat(128);
        assertThat(ServerNames.validate(emoji)).isEqualTo(emoji);
        assertThatThrownBy(() -> ServerNames.validate(emoji + "🔐")).isInstanceOf(ProblemException.class);
    }

    @Test
    void refusesBlankDashIdsAndControlCharacters() {
        for (String bad : new String[] {null, "", " ", "-", "a\u0000b", "a\u202eb", "0123456789abcdefghijklmnop"}) {
            assertThatThrownBy(() -> ServerNames.validate(bad)).as(String.valueOf(bad))
                    .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(400));
        }
    }
}

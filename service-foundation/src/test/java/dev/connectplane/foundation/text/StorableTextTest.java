package dev.connectplane.foundation.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class StorableTextTest {

    static Stream<Arguments> texts() {
        return Stream.of(
                Arguments.of("Prod", true, "Prod"),
                Arguments.of("", true, ""),
                Arguments.of("tab\tnew\nline\u0001bell\u007f", true, "tab\tnew\nline\u0001bell\u007f"),
                Arguments.of("émoji 🔑 and 中文", true, "émoji 🔑 and 中文"),
                Arguments.of("a\u0000b", false, "a\uFFFDb"),
                Arguments.of("\u0000", false, "\uFFFD"),
                Arguments.of("lone high \uD83D end", false, "lone high \uFFFD end"),
                Arguments.of("lone high at end \uD83D", false, "lone high at end \uFFFD"),
                Arguments.of("lone low \uDD11", false, "lone low \uFFFD"),
                Arguments.of("reversed \uDD11\uD83D", false, "reversed \uFFFD\uFFFD"));
    }

    @ParameterizedTest(name = "[{index}] storable {1}")
    @MethodSource("texts")
    void refusesOnlyWhatPostgresqlCannotStore(String text, boolean storable, String shown) {
        assertThat(StorableText.isStorable(text)).isEqualTo(storable);
        assertThat(StorableText.problem(text).isEmpty()).isEqualTo(storable);
        assertThat(StorableText.storable(text)).isEqualTo(shown);
        assertThat(StorableText.isStorable(StorableText.storable(text))).isTrue();
    }
}

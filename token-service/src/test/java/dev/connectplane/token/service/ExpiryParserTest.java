package dev.connectplane.token.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.connectplane.foundation.problem.ProblemException;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ExpiryParserTest {

    @ParameterizedTest
    @CsvSource({"90m, PT1H30M", "30d, PT720H", "1w2d, PT216H", "1h30m, PT1H30M", "45s, PT45S", "2W, PT336H",
            "1w1d1h1m1s, PT193H1M1S", " 12h , PT12H", "3650d, PT87600H"})
    void acceptsUnitsLargestFirst(String text, Duration expected) {
        assertThat(ExpiryParser.parse(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"  "})
    void blankMeansNoExpiry(String text) {
        assertThat(ExpiryParser.parse(text)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0s", "0w0d", "-5m", "10x", "5y", "m5", "1d1w", "1.5h", "1 h", "d", "10", "99999999999999w",
            "3654d", "1h-1m", "+1h"})
    void refusesEverythingElseShowingTheAcceptedForm(String text) {
        assertThatThrownBy(() -> ExpiryParser.parse(text)).isInstanceOf(ProblemException.class)
                .hasMessageContaining("'" + text + "'").hasMessageContaining("e.g. 90m, 12h, 30d, 1w2d")
                .extracting(e -> ((ProblemException) e).status()).isEqualTo(400);
    }
}

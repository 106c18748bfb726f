package dev.connectplane.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.connectplane.testing.InfraSelection.Kind;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class InfraSelectionTest {

    private static final String KAFKA = "127.0.0.1:9092";
    private static final String POSTGRES = "postgresql://postgres:secret@127.0.0.1:5432/connect";

    static Stream<Arguments> selections() {
        return Stream.of(
                // setting, docker answers, kafka given, postgres given -> kind
                Arguments.of(null, false, false, false, Kind.PROCESSES),
                Arguments.of(null, true, false, false, Kind.CONTAINERS),
                Arguments.of("", true, false, false, Kind.CONTAINERS),
                Arguments.of("auto", false, false, false, Kind.PROCESSES),
                Arguments.of("AUTO", true, false, false, Kind.CONTAINERS),
                Arguments.of(" auto ", true, false, false, Kind.CONTAINERS),
                Arguments.of("processes", true, false, false, Kind.PROCESSES),
                Arguments.of("processes", false, false, false, Kind.PROCESSES),
                Arguments.of("containers", true, false, false, Kind.CONTAINERS),
                Arguments.of("Containers", true, true, false, Kind.CONTAINERS),
                Arguments.of("auto", false, false, true, Kind.PROCESSES),
                Arguments.of("processes", true, true, false, Kind.PROCESSES),
                Arguments.of("auto", true, true, true, Kind.EXTERNAL),
                Arguments.of("containers", false, true, true, Kind.EXTERNAL),
                Arguments.of("nonsense", false, true, true, Kind.EXTERNAL));
    }

    @ParameterizedTest(name = "{0}, docker {1}, kafka given {2}, postgres given {3} -> {4}")
    @MethodSource("selections")
    void picksTheInfrastructure(String setting, boolean docker, boolean kafka, boolean postgres, Kind expected) {
        assertThat(InfraSelection.choose(environment(setting, kafka, postgres), () -> docker).kind()).isEqualTo(expected);
    }

    @Test
    void dockerIsNotAskedWhenTheAnswerDoesNotMatter() {
        AtomicInteger asked = new AtomicInteger();
        BooleanSupplier docker = () -> {
            asked.incrementAndGet();
            return true;
        };
        InfraSelection.choose(environment("processes", false, false), docker);
        InfraSelection.choose(environment("auto", true, true), docker);
        assertThat(asked).hasValue(0);
        InfraSelection.choose(environment("auto", false, false), docker);
        assertThat(asked).hasValue(1);
    }

    @Test
    void containersWithoutDockerFailAtOnceSayingWhatToDo() {
        assertThatThrownBy(() -> InfraSelection.choose(environment("containers", false, false), () -> false))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no Docker engine answers")
                .hasMessageContaining("CONNECT_TEST_INFRA=processes");
    }

    @Test
    void anUnknownValueIsRefused() {
        assertThatThrownBy(() -> InfraSelection.choose(environment("docker", false, false), () -> true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CONNECT_TEST_INFRA=docker")
                .hasMessageContaining("auto, processes, containers");
    }

    @Test
    void theLogLineNamesTheKindAndWhy() {
        assertThat(InfraSelection.choose(environment("auto", false, false), () -> false).describe())
                .isEqualTo("test infrastructure: processes (CONNECT_TEST_INFRA=auto and no Docker engine answers)");
    }

    private static Map<String, String> environment(String setting, boolean kafka, boolean postgres) {
        Map<String, String> environment = new HashMap<>();
        if (setting != null) {
            environment.put(InfraSelection.SETTING, setting);
        }
        if (kafka) {
            environment.put(InfraSelection.KAFKA_ENV, KAFKA);
        }
        if (postgres) {
            environment.put(InfraSelection.POSTGRES_ENV, POSTGRES);
        }
        return environment;
    }
}

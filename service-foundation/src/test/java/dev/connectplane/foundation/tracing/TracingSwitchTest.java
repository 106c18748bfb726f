package dev.connectplane.foundation.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TracingSwitchTest {

    @Test
    void withoutAnEndpointNothingIsWrittenAndTracingStaysOff() {
        assertThat(TracingSwitch.properties(Map.<String, String>of()::get)).isEmpty();
        assertThat(TracingSwitch.properties(Map.of(TracingSwitch.ENDPOINT, "  ")::get)).isEmpty();
    }

    @Test
    void anEndpointSwitchesTheSdkOnAndNamesTheCollector() {
        assertThat(TracingSwitch.properties(Map.of(TracingSwitch.ENDPOINT, " http://collector:4317 ")::get))
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "quarkus.otel.sdk.disabled", "false",
                        "quarkus.otel.exporter.otlp.endpoint", "http://collector:4317"));
    }

    @Test
    void theProtocolIsPassedOnWhenGiven() {
        assertThat(TracingSwitch.properties(Map.of(TracingSwitch.ENDPOINT, "http://collector:4318",
                TracingSwitch.PROTOCOL, "http/protobuf")::get))
                .containsEntry("quarkus.otel.exporter.otlp.protocol", "http/protobuf")
                .containsEntry("quarkus.otel.sdk.disabled", "false");
    }
}

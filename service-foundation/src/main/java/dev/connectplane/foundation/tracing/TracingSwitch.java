package dev.connectplane.foundation.tracing;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.Function;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Switches tracing on with one variable: tracing is off by default (the shared
 * {@code microprofile-config.properties} sets {@code quarkus.otel.sdk.disabled=true}), and
 * {@code OTEL_EXPORTER_OTLP_ENDPOINT}, the OpenTelemetry convention, turns it on and sends the
 * spans there; {@code OTEL_EXPORTER_OTLP_PROTOCOL} ({@code grpc}, the default, or
 * {@code http/protobuf}) is passed on likewise. A {@code quarkus.otel.*} setting of a service's
 * {@code application.properties} or of the environment still wins over these.
 */
public class TracingSwitch implements ConfigSourceFactory {

    static final String ENDPOINT = "otel.exporter.otlp.endpoint";
    static final String PROTOCOL = "otel.exporter.otlp.protocol";
    private static final int PRIORITY = 150;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        return List.of(new PropertiesConfigSource(properties(name -> valueOf(context, name)), "connect tracing switch",
                PRIORITY));
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(PRIORITY);
    }

    /** The {@code quarkus.otel.*} settings for what {@code config} gives (a name to its value, or null). */
    static Map<String, String> properties(Function<String, String> config) {
        String endpoint = config.apply(ENDPOINT);
        if (endpoint == null || endpoint.isBlank()) {
            return Map.of();
        }
        Map<String, String> properties = new HashMap<>();
        properties.put("quarkus.otel.sdk.disabled", "false");
        properties.put("quarkus.otel.exporter.otlp.endpoint", endpoint.strip());
        String protocol = config.apply(PROTOCOL);
        if (protocol != null && !protocol.isBlank()) {
            properties.put("quarkus.otel.exporter.otlp.protocol", protocol.strip());
        }
        return Map.copyOf(properties);
    }

    private static String valueOf(ConfigSourceContext context, String name) {
        ConfigValue value = context.getValue(name);
        return value == null ? null : value.getValue();
    }
}

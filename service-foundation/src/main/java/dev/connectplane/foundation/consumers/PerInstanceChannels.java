package dev.connectplane.foundation.consumers;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Channels every instance reads whole, for itself (a cache listener), take their partitions by
 * assignment instead of joining a consumer group: nothing is left behind in the broker when an
 * instance stops or dies, where a group of its own per start stayed there for good. For each
 * channel named in {@code connect.kafka.per-instance-channels}, and for {@value #WATERMARKS}, this writes SmallRye's
 * {@code assign-seek} for partitions {@code 0 .. connect.kafka.partitions - 1}, each from its end.
 * A topic with more partitions than configured is never "caught up" ({@link ConsumerPositions}),
 * so what depends on the listener does not trust it.
 */
public class PerInstanceChannels implements ConfigSourceFactory {

    static final String CHANNELS = "connect.kafka.per-instance-channels";
    /** The channel of the relays' watermarks ({@link OutboxWatermarksListener}): per instance in every service. */
    static final String WATERMARKS = "outbox-watermarks";
    static final String PARTITIONS = "connect.kafka.partitions";
    private static final int DEFAULT_PARTITIONS = 3;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        String channels = valueOf(context, CHANNELS, "");
        int partitions = Integer.parseInt(valueOf(context, PARTITIONS, String.valueOf(DEFAULT_PARTITIONS)).trim());
        return List.of(new PropertiesConfigSource(properties(channels, partitions), "connect per-instance channels", 150));
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(150);
    }

    /** The assign-seek settings for the channels, each over every partition from its end. */
    static Map<String, String> properties(String channels, int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException(PARTITIONS + " must be at least 1, got " + partitions);
        }
        String assignment = IntStream.range(0, partitions).mapToObj(partition -> partition + ":-1")
                .collect(Collectors.joining(","));
        Map<String, String> properties = new HashMap<>();
        Stream.concat(Stream.of(WATERMARKS), Arrays.stream(channels.split(","))).map(String::trim)
                .filter(channel -> !channel.isEmpty())
                .forEach(channel -> properties.put("mp.messaging.incoming." + channel + ".assign-seek", assignment));
        return properties;
    }

    private static String valueOf(ConfigSourceContext context, String name, String fallback) {
        ConfigValue value = context.getValue(name);
        return value == null || value.getValue() == null ? fallback : value.getValue();
    }
}

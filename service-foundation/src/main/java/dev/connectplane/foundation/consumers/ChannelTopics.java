package dev.connectplane.foundation.consumers;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.eclipse.microprofile.config.Config;

/**
 * The service's incoming Kafka channels and the topics each reads, from the SmallRye
 * configuration ({@code mp.messaging.incoming.<channel>.topic}, or {@code .topics}, else the
 * channel's name), whether the channel subscribes with a group or assigns itself partitions.
 */
@ApplicationScoped
public class ChannelTopics {

    private static final String PREFIX = "mp.messaging.incoming.";
    private static final String CONNECTOR = ".connector";

    private final Config config;
    private final List<String> channels;

    public ChannelTopics(Config config) {
        this.config = config;
        this.channels = StreamSupport.stream(config.getPropertyNames().spliterator(), false)
                .filter(name -> name.startsWith(PREFIX) && name.endsWith(CONNECTOR))
                .filter(name -> "smallrye-kafka".equals(config.getOptionalValue(name, String.class).orElse("")))
                .map(name -> name.substring(PREFIX.length(), name.length() - CONNECTOR.length()))
                .sorted().toList();
    }

    /** Every incoming Kafka channel, sorted. */
    public List<String> channels() {
        return channels;
    }

    /** Every topic any incoming channel of this service reads, sorted. */
    public Set<String> all() {
        return channels.stream()
                .flatMap(channel -> of(channel).stream())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** The topics the channel reads. */
    public Set<String> of(String channel) {
        String topics = config.getOptionalValue(PREFIX + channel + ".topics", String.class)
                .or(() -> config.getOptionalValue(PREFIX + channel + ".topic", String.class))
                .orElse(channel);
        return Arrays.stream(topics.split(",")).map(String::trim).filter(topic -> !topic.isEmpty())
                .collect(Collectors.toCollection(TreeSet::new));
    }
}

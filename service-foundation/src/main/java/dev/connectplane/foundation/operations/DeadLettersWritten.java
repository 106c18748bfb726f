package dev.connectplane.foundation.operations;

import dev.connectplane.foundation.consumers.ChannelTopics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Counts the records this service set aside on its dead-letter topic,
 * {@code connect.consumer.dead_letters{topic}} by the topic they came from: a count that grows
 * means messages this service cannot apply, which somebody has to look at.
 */
@ApplicationScoped
public class DeadLettersWritten {

    private final MeterRegistry registry;
    private final ChannelTopics channels;

    public DeadLettersWritten(MeterRegistry registry, ChannelTopics channels) {
        this.registry = registry;
        this.channels = channels;
    }

    /** Every topic read here starts at 0, so that a rate over the counter sees its first dead letter. */
    void onStart(@Observes StartupEvent event) {
        channels.all().forEach(this::counter);
    }

    /** One record of {@code topic} went to the dead-letter topic. */
    public void written(String topic) {
        counter(topic).increment();
    }

    private Counter counter(String topic) {
        return Counter.builder("connect.consumer.dead_letters")
                .description("records set aside on the dead-letter topic, by the topic they came from")
                .tag("topic", topic)
                .register(registry);
    }
}

package dev.connectplane.foundation.commands;

import dev.connectplane.contracts.commands.CommandType;
import dev.connectplane.foundation.consumers.ChannelTopics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Set;

/**
 * Counts the commands this service answered, once their reply is committed:
 * {@code connect.commands{type, outcome}}, the outcome {@code accepted}, {@code rejected} or
 * {@code repeated} (a command ID its caller sent before, answered with the stored reply). The
 * type is the command's wire name when it names one, else {@code unknown}: a caller's typo must
 * not make a time series of its own.
 */
@ApplicationScoped
public class CommandOutcomes {

    static final String ACCEPTED = "accepted";
    static final String REJECTED = "rejected";
    static final String REPEATED = "repeated";

    private final MeterRegistry registry;
    private final ChannelTopics channels;

    public CommandOutcomes(MeterRegistry registry, ChannelTopics channels) {
        this.registry = registry;
        this.channels = channels;
    }

    /** Every command type of the topics read here has its counters from the start, at 0. */
    void onStart(@Observes StartupEvent event) {
        Set<String> topics = channels.all();
        for (CommandType type : CommandType.values()) {
            if (topics.contains(type.topic())) {
                List.of(ACCEPTED, REJECTED, REPEATED).forEach(outcome -> counter(type.wireName(), outcome));
            }
        }
    }

    void counted(String type, String outcome) {
        counter(known(type), outcome).increment();
    }

    private Counter counter(String type, String outcome) {
        return Counter.builder("connect.commands")
                .description("commands answered, by type and outcome")
                .tag("type", type)
                .tag("outcome", outcome)
                .register(registry);
    }

    private static String known(String type) {
        return CommandType.fromWireName(type).map(CommandType::wireName).orElse("unknown");
    }
}

package dev.connectplane.foundation.commands;

import dev.connectplane.foundation.config.FoundationConfig;
import dev.connectplane.foundation.consumers.KeyOrderedDispatch;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Feeds a commands channel to {@link CommandProcessor}, {@code connect.consumer.command-concurrency}
 * commands at once ({@link KeyOrderedDispatch}), so that a burst of commands is applied side by
 * side, as concurrent REST requests are, rather than one transaction after the other. Commands of one
 * key (the server ID) are still applied one at a time, in their order on the topic; commands
 * without a key keep the order of their partition. Each command's record is acknowledged once
 * its effect and reply are committed, or nacked to the channel's dead-letter strategy when it is
 * not a command; the connector commits a partition's offset only up to its first record not yet
 * acknowledged, so a crash replays every command that was not finished (and the command log
 * answers a finished one again with its stored reply).
 *
 * <p>The channel's method takes the {@link Message} with manual acknowledgment:
 * <pre>{@code
 * @Incoming("server-commands")
 * @Acknowledgment(Acknowledgment.Strategy.MANUAL)
 * public Uni<Void> onCommand(Message<String> message) {
 *     return dispatch.submit(message, handlers);
 * }
 * }</pre>
 */
@ApplicationScoped
public class CommandDispatch {

    private static final Logger LOG = Logger.getLogger(CommandDispatch.class);

    private final CommandProcessor processor;
    private final int concurrency;
    private final Map<String, KeyOrderedDispatch> byTopic = new ConcurrentHashMap<>();

    public CommandDispatch(CommandProcessor processor, FoundationConfig foundation) {
        this.processor = processor;
        this.concurrency = foundation.consumer().commandConcurrency();
    }

    /** Hands the command on; the item comes when the channel may pass the next one. */
    public Uni<Void> submit(Message<String> message, CommandHandlers handlers) {
        ConsumerRecord<String, String> record = recordOf(message);
        return byTopic.computeIfAbsent(record.topic(), topic -> new KeyOrderedDispatch(concurrency))
                .submit(orderKey(record), () -> applyAndEnd(message, record, handlers));
    }

    private Uni<Void> applyAndEnd(Message<String> message, ConsumerRecord<String, String> record,
                                  CommandHandlers handlers) {
        return processor.process(record, handlers)
                .onItemOrFailure()
                .transformToUni((ignored, failure) -> end(message, record, failure));
    }

    /** Acknowledged when applied; nacked (to the dead-letter strategy) when it failed for good. */
    private static Uni<Void> end(Message<String> message, ConsumerRecord<String, String> record, Throwable failure) {
        Uni<Void> ended = failure == null
                ? Uni.createFrom().completionStage(message.ack())
                : Uni.createFrom().completionStage(message.nack(failure));
        return ended
                .onFailure()
                .invoke(notEnded -> LOG.errorf(notEnded, "the record at %s-%d@%d could not be %s", record.topic(),
                        record.partition(), record.offset(), failure == null ? "acknowledged" : "dead-lettered"));
    }

    /** The record's key; a record without one is ordered with the rest of its partition's keyless records. */
    static String orderKey(ConsumerRecord<String, String> record) {
        return record.key() == null ? "\u0000partition-" + record.partition() : "key-" + record.key();
    }

    @SuppressWarnings("unchecked")
    private static ConsumerRecord<String, String> recordOf(Message<String> message) {
        IncomingKafkaRecordMetadata<String, String> metadata = message.getMetadata(IncomingKafkaRecordMetadata.class)
                .orElseThrow(() -> new IllegalArgumentException("not a Kafka record: " + message));
        return metadata.getRecord();
    }
}

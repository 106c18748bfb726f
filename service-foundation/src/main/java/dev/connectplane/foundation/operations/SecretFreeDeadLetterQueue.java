package dev.connectplane.foundation.operations;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaConnectorIncomingConfiguration;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;
import io.smallrye.reactive.messaging.kafka.fault.KafkaFailureHandler;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.BiConsumer;
import org.eclipse.microprofile.reactive.messaging.Metadata;

/**
 * The failure strategy of every channel ({@code failure-strategy=secret-free-dead-letter-queue}):
 * SmallRye's dead-letter queue, which copies every header of the failed record, with the
 * credentials taken out first ({@link DeadLetterScrub}). Whoever can read a dead-letter topic
 * must never be able to act as the caller whose command failed. A replayed command therefore
 * comes back without its caller's credential and is rejected as unauthenticated: the caller
 * sends it again. Each record set aside is counted ({@link DeadLettersWritten}).
 */
@ApplicationScoped
@Identifier(SecretFreeDeadLetterQueue.STRATEGY)
public class SecretFreeDeadLetterQueue implements KafkaFailureHandler.Factory {

    public static final String STRATEGY = "secret-free-dead-letter-queue";

    private final KafkaFailureHandler.Factory deadLetterQueue;
    private final DeadLettersWritten written;

    public SecretFreeDeadLetterQueue(@Identifier(KafkaFailureHandler.Strategy.DEAD_LETTER_QUEUE)
                                     KafkaFailureHandler.Factory deadLetterQueue, DeadLettersWritten written) {
        this.deadLetterQueue = deadLetterQueue;
        this.written = written;
    }

    @Override
    public KafkaFailureHandler create(KafkaConnectorIncomingConfiguration config, Vertx vertx,
                                      KafkaConsumer<?, ?> consumer, BiConsumer<Throwable, Boolean> reportFailure) {
        KafkaFailureHandler inner = deadLetterQueue.create(config, vertx, consumer, reportFailure);
        return new KafkaFailureHandler() {
            @Override
            public <K, V> Uni<Void> handle(IncomingKafkaRecord<K, V> record, Throwable reason, Metadata metadata) {
                DeadLetterScrub.removeCredentials(record.getHeaders());
                return inner.handle(record, DeadLetterScrub.redacted(reason), metadata)
                        .invoke(() -> written.written(record.getTopic()));
            }

            @Override
            public void terminate() {
                inner.terminate();
            }
        };
    }
}

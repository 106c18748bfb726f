package dev.connectplane.audit.service;

import dev.connectplane.audit.config.AuditConfig;
import dev.connectplane.audit.repository.AuditRecord;
import dev.connectplane.audit.repository.ChainLinks;
import dev.connectplane.contracts.audit.AuditCheckpointed;
import dev.connectplane.contracts.envelope.EventCodec;
import dev.connectplane.contracts.envelope.EventEnvelope;
import dev.connectplane.contracts.envelope.EventType;
import dev.connectplane.foundation.outbox.OutboxWriter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Places new records in the hash chain, in the spirit of CloudTrail's digest chain: each
 * record's hash covers its content, its position and the previous record's hash. Appends commit
 * in record-ID order (they are serialized), so this one thread follows them with a watermark,
 * the last chained record ID: it takes the records after it in ID order, a batch per
 * transaction, and inserts for each the next position, the previous hash and its own hash into
 * {@code audit_chain}. Records are never updated. A transaction-scoped advisory lock makes the
 * chain one sequence even with several instances. Woken by NOTIFY at each insert's commit, with a 200 ms poll as fallback.
 * Records are queryable once chained, so a query never sees a record change its position. In the
 * same transaction as the links, a signed checkpoint of the new head goes into the outbox when
 * {@link Checkpoints} says one is due, so a checkpoint is published exactly for a head that was
 * committed.
 */
@ApplicationScoped
public class AuditChainer {

    private static final Logger LOG = Logger.getLogger(AuditChainer.class);
    private static final Duration POLL = Duration.ofMillis(200);

    private final ChainLinks links;
    private final Checkpoints checkpoints;
    private final int batchSize;
    private final Counter chained;
    private final BackgroundLoop loop = new BackgroundLoop();

    public AuditChainer(ChainLinks links, Checkpoints checkpoints, AuditConfig audit, MeterRegistry registry) {
        this.links = links;
        this.checkpoints = checkpoints;
        this.batchSize = audit.chainBatchSize();
        this.chained = Counter.builder("connect.audit.chained").register(registry);
    }

    void onStart(@Observes StartupEvent event) {
        loop.start("audit-chainer", this::step);
    }

    void onStop(@Observes ShutdownEvent event) throws InterruptedException {
        loop.stop();
        links.close();
    }

    private void step() {
        try {
            links.connect(loop::signal);
            if (chainRound() < batchSize) {
                loop.pause(POLL);
            }
        } catch (RuntimeException e) {
            if (loop.running()) {
                LOG.warnf("audit chain round failed, retrying: %s", e.toString());
                links.close();
                loop.pause(Duration.ofSeconds(1));
            }
        }
    }

    /** Chains one batch, with a signed checkpoint of the new head when one is due; returns how many records it chained. */
    int chainRound() {
        Round round = links.inTransaction(this::round);
        round.checkpoint().ifPresent(event -> checkpoints.committed(event.data()));
        chained.increment(round.chained());
        return round.chained();
    }

    /** What a round chained, and the checkpoint it queued. */
    private record Round(int chained, Optional<EventEnvelope<AuditCheckpointed>> checkpoint) {
    }

    private Round round() {
        links.lock();
        ChainLinks.Head head = links.head();
        long seq = head == null ? 0 : head.seq();
        String previous = head == null ? RecordHasher.GENESIS : head.hash();
        ChainLinks.Links next = ChainLinks.Links.empty();
        for (AuditRecord record : links.recordsAfter(head == null ? 0 : head.recordId(), batchSize)) {
            seq++;
            String hash = RecordHasher.hash(record, seq, previous);
            next.add(record.id(), seq, previous, hash);
            previous = hash;
        }
        links.insert(next);
        Optional<EventEnvelope<AuditCheckpointed>> checkpoint = checkpoints.due(seq, previous, OutboxWriter.now());
        checkpoint.ifPresent(this::queue);
        return new Round(next.size(), checkpoint);
    }

    private void queue(EventEnvelope<AuditCheckpointed> checkpoint) {
        EventType type = EventType.of(checkpoint.data());
        links.queue(checkpoint.id(), type.topic(), checkpoint.data().partitionKey(), type.type(), EventCodec.encode(checkpoint));
    }
}

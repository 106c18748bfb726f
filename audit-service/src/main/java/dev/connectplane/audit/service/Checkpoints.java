package dev.connectplane.audit.service;

import dev.connectplane.audit.config.AuditConfig;
import dev.connectplane.contracts.Topics;
import dev.connectplane.contracts.audit.AuditCheckpointed;
import dev.connectplane.contracts.envelope.Actor;
import dev.connectplane.contracts.envelope.EventEnvelope;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * When the chainer signs a checkpoint of the head: after {@code every-records} new links, or
 * when {@code interval} has passed since the last one (even if the head has not moved, so that a
 * reader knows how fresh the newest checkpoint must be). Without a key location there are none.
 * The last checkpoint is remembered per instance: an instance that takes the chain over signs
 * one at its first round.
 */
@ApplicationScoped
public class Checkpoints {

    private static final Logger LOG = Logger.getLogger(Checkpoints.class);
    private static final Actor AUDIT = Actor.system("audit-service");

    private final Optional<CheckpointSigner> signer;
    private final Duration interval;
    private final int everyRecords;
    private long lastSeq = -1;
    private OffsetDateTime lastAt;

    public Checkpoints(AuditConfig config) {
        AuditConfig.Checkpoints settings = config.checkpoints();
        this.signer = settings.keyLocation().filter(location -> !location.isBlank())
                .map(location -> CheckpointSigner.fromFile(Path.of(location.strip())));
        this.interval = settings.interval();
        this.everyRecords = settings.everyRecords();
        if (signer.isEmpty()) {
            LOG.warn("audit checkpoints are off: set CONNECT_AUDIT_CHECKPOINTS_KEY_LOCATION so that removing the newest "
                    + "records together with their chain rows is found by verify");
        } else {
            LOG.infof("audit checkpoints signed with key %s, every %d records or %s", signer.get().keyId(), everyRecords,
                    interval);
        }
    }

    public Optional<CheckpointSigner> signer() {
        return signer;
    }

    /** A signed checkpoint of the head at {@code now}, as it will be published, if one is due. */
    public synchronized Optional<EventEnvelope<AuditCheckpointed>> due(long headSeq, String headHash, OffsetDateTime now) {
        if (signer.isEmpty() || headSeq < 1) {
            return Optional.empty();
        }
        boolean byCount = lastSeq < 0 || headSeq - lastSeq >= everyRecords;
        boolean byTime = lastAt == null || !now.isBefore(lastAt.plus(interval));
        if (!byCount && !byTime) {
            return Optional.empty();
        }
        AuditCheckpointed checkpoint = new AuditCheckpointed(headSeq, headHash, now, signer.get().keyId(),
                signer.get().sign(headSeq, headHash, now));
        return Optional.of(EventEnvelope.of(UUID.randomUUID().toString(), Topics.sourceOf("audit-service"), now, AUDIT,
                null, checkpoint));
    }

    /** The checkpoint was committed with its links. */
    public synchronized void committed(AuditCheckpointed checkpoint) {
        lastSeq = checkpoint.seq();
        lastAt = checkpoint.checkpointedAt();
    }
}

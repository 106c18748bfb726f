package dev.connectplane.audit.service;

import dev.connectplane.audit.config.AuditConfig;
import dev.connectplane.audit.messaging.in.CheckpointReader;
import dev.connectplane.audit.repository.AuditRecord;
import dev.connectplane.audit.repository.AuditStore;
import dev.connectplane.contracts.audit.AuditCheckpointed;
import dev.connectplane.foundation.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Recomputes the chain over all records or a range of positions and reports the first broken
 * link. It finds:
 * <ul>
 *   <li>an edited record: its content no longer matches its hash;</li>
 *   <li>a deleted record: a gap in the positions, or the next record's previous hash no longer
 *   matches;</li>
 *   <li>an inserted record: its hash, or the next record's previous hash, does not match.</li>
 * </ul>
 * A range is checked from the record before it, whose hash is taken as given. A verification of
 * the whole chain also holds it against the newest signed checkpoints on
 * {@code connect.audit.checkpoints}, which find what the chain alone cannot: the newest records
 * removed together with their chain rows, or the tail rewritten with fresh hashes.
 */
@ApplicationScoped
public class ChainVerifier {

    private final AuditStore store;
    private final Checkpoints checkpoints;
    private final CheckpointReader reader;
    private final int pageSize;

    public ChainVerifier(AuditStore store, Checkpoints checkpoints, CheckpointReader reader, AuditConfig config) {
        this.store = store;
        this.checkpoints = checkpoints;
        this.reader = reader;
        this.pageSize = config.pageSize();
    }

    /** A walk over the chain: the next position and hash expected, and what was found so far. */
    private record Walk(long nextSeq, String previousHash, long checked, ChainVerification.BrokenLink broken) {
    }

    public Uni<ChainVerification> verify(Long fromSeq, Long toSeq) {
        long from = fromSeq == null ? 1 : fromSeq;
        if (from < 1 || (toSeq != null && toSeq < from)) {
            throw ProblemException.badRequest("invalid-range", "a range is from_seq >= 1 to to_seq >= from_seq");
        }
        return store.chainHead().chain(head -> {
            long to = toSeq == null ? head : Math.min(toSeq, head);
            Uni<Walk> start = from == 1 ? Uni.createFrom().item(new Walk(1, RecordHasher.GENESIS, 0, null))
                    : store.chainedBefore(from).map(before -> before == null || before.seq() != from - 1
                    ? new Walk(from, null, 0, new ChainVerification.BrokenLink(from, null,
                            "the record before position " + from + " is missing"))
                    : new Walk(from, before.hash(), 0, null));
            return start.chain(walk -> walk.broken() != null || from > to ? Uni.createFrom().item(walk) : walk(walk, to))
                    .chain(walk -> store.unchained().map(unchained -> new ChainVerification(walk.broken() == null,
                            walk.checked(), from, walk.checked() == 0 ? null : walk.nextSeq() - 1,
                            walk.checked() == 0 ? null : walk.previousHash(), walk.broken(), unchained, null)))
                    .chain(result -> fromSeq == null && toSeq == null ? againstCheckpoints(result, head)
                            : Uni.createFrom().item(result));
        });
    }

    /**
     * The whole chain against the newest signed checkpoints it can read: one covering a position
     * past the chain's head means the newest records were removed with their chain rows; one whose
     * hash differs from the chain's at its position means the chain was rewritten.
     */
    private Uni<ChainVerification> againstCheckpoints(ChainVerification result, long head) {
        if (checkpoints.signer().isEmpty()) {
            return Uni.createFrom().item(result.with(ChainVerification.CheckpointCheck.notConfigured(), null));
        }
        CheckpointSigner signer = checkpoints.signer().get();
        return Uni.createFrom().item(reader::newest)
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .chain(read -> compare(result, head, read, signer));
    }

    private Uni<ChainVerification> compare(ChainVerification result, long head, CheckpointReader.Read read,
                                           CheckpointSigner signer) {
        List<AuditCheckpointed> signed = read.checkpoints().stream().filter(signer::verifies)
                .sorted(Comparator.comparingLong(AuditCheckpointed::seq).reversed()).toList();
        int rejected = read.foreign() + read.checkpoints().size() - signed.size();
        if (signed.isEmpty()) {
            return Uni.createFrom().item(result.with(new ChainVerification.CheckpointCheck("none", null, null, null, null,
                    0, rejected), null));
        }
        AuditCheckpointed newest = signed.get(0);
        if (newest.seq() > head) {
            return Uni.createFrom().item(result.with(check("records-missing", newest, signed.size(), rejected),
                    new ChainVerification.BrokenLink(head + 1, null, "positions " + (head + 1) + " to " + newest.seq()
                            + " are missing: the checkpoint signed at " + newest.checkpointedAt() + " has the chain at "
                            + newest.seq() + ", the database ends at " + head
                            + " (the newest records were removed with their chain rows)")));
        }
        return store.chainHashes(signed.stream().map(AuditCheckpointed::seq).distinct().toList())
                .map(hashes -> againstHashes(result, signed, hashes, rejected));
    }

    /** The verification with the first checkpoint whose hash the chain no longer has at its position, or all matching. */
    private static ChainVerification againstHashes(ChainVerification result, List<AuditCheckpointed> signed,
                                                   Map<Long, String> hashes, int rejected) {
        for (AuditCheckpointed checkpoint : signed) {
            if (!checkpoint.headHash().equals(hashes.get(checkpoint.seq()))) {
                return result.with(check("mismatch", checkpoint, signed.size(), rejected),
                        new ChainVerification.BrokenLink(checkpoint.seq(), null, "the hash at position " + checkpoint.seq()
                                + " is not the one the checkpoint signed at " + checkpoint.checkpointedAt()
                                + " has: the chain was rewritten up to there"));
            }
        }
        return result.with(check("matches", signed.get(0), signed.size(), rejected), null);
    }

    private static ChainVerification.CheckpointCheck check(String status, AuditCheckpointed checkpoint, int read,
                                                           int rejected) {
        return new ChainVerification.CheckpointCheck(status, checkpoint.seq(), checkpoint.headHash(),
                checkpoint.checkpointedAt(), checkpoint.keyId(), read, rejected);
    }

    private Uni<Walk> walk(Walk walk, long to) {
        return store.chainSlice(walk.nextSeq(), to, pageSize).chain(page -> {
            if (page.isEmpty()) {
                return Uni.createFrom().item(walk.nextSeq() <= to ? broken(walk, walk.nextSeq(), null,
                        "records from position " + walk.nextSeq() + " to " + to + " are missing") : walk);
            }
            Walk next = check(walk, page);
            if (next.broken() != null || next.nextSeq() > to) {
                return Uni.createFrom().item(next);
            }
            return walk(next, to);
        });
    }

    private static Walk check(Walk walk, List<AuditStore.ChainEntry> page) {
        long expected = walk.nextSeq();
        String previous = walk.previousHash();
        long checked = walk.checked();
        for (AuditStore.ChainEntry entry : page) {
            Walk here = new Walk(expected, previous, checked, null);
            AuditRecord record = entry.record();
            String eventId = record == null ? null : record.eventId();
            if (entry.seq() != expected) {
                return broken(here, entry.seq(), eventId, "position " + expected
                        + (entry.seq() - expected > 1 ? " to " + (entry.seq() - 1) : "") + " is missing: the chain jumps to "
                        + entry.seq());
            }
            if (record == null) {
                return broken(here, entry.seq(), null, "the record at this position is missing");
            }
            if (!previous.equals(entry.prevHash())) {
                return broken(here, entry.seq(), eventId, "its previous hash does not match the hash of the record before it");
            }
            String hash = RecordHasher.hash(record, entry.seq(), entry.prevHash());
            if (!hash.equals(entry.hash())) {
                return broken(here, entry.seq(), eventId, "its content does not match its hash");
            }
            previous = hash;
            expected++;
            checked++;
        }
        return new Walk(expected, previous, checked, null);
    }

    private static Walk broken(Walk walk, long seq, String eventId, String reason) {
        return new Walk(walk.nextSeq(), walk.previousHash(), walk.checked(),
                new ChainVerification.BrokenLink(seq, eventId, reason));
    }
}

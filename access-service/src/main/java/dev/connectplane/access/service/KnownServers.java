package dev.connectplane.access.service;

import dev.connectplane.access.config.AccessConfig;
import dev.connectplane.access.repository.KnownServer;
import dev.connectplane.access.repository.KnownServerRepository;
import dev.connectplane.access.repository.ServerProjectionReads;
import dev.connectplane.contracts.Topics;
import dev.connectplane.foundation.consumers.ConsumerPositions;
import dev.connectplane.foundation.faults.NotYetAvailable;
import dev.connectplane.foundation.ids.IdGenerator;
import dev.connectplane.foundation.lookup.IdOrName;
import dev.connectplane.foundation.problem.ProblemException;
import dev.connectplane.foundation.wait.BoundedWait;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Finds the active server a grant names, locked for the rest of the transaction so that a
 * grant and the cascade of the server's deletion never interleave.
 *
 * <p>A grant may race the server's creation: the client has server-service's answer while
 * ServerCreated is still on its way here. So before its transaction a grant naming an ID this
 * service has not heard of waits for it ({@link #awaitKnown}): the projection is read again
 * every {@value #RETRY_MILLIS} ms for up to {@code connect.access.unknown-server-wait} (3 s).
 * If it is still unknown and its events may be late (server-service's relay not yet past the
 * moment of the grant, the consumer retrying or behind), the
 * grant answers 503 with {@code Retry-After} rather than 404. Names are not waited for: a name
 * is only known once the server is.
 */
@ApplicationScoped
public class KnownServers {

    static final long RETRY_MILLIS = 25;
    private static final Logger LOG = Logger.getLogger(KnownServers.class);

    private static final String SERVER_EVENTS_CHANNEL = "server-events";

    private final KnownServerRepository servers;
    private final ServerProjectionReads projection;
    private final Duration wait;
    private final ConsumerPositions positions;

    public KnownServers(KnownServerRepository servers, ServerProjectionReads projection, AccessConfig config,
                        ConsumerPositions positions) {
        this.servers = servers;
        this.projection = projection;
        this.positions = positions;
        this.wait = config.unknownServerWait();
    }

    /**
     * Completes once the server with this ID is known, or the wait is over (then the lookup in
     * the transaction answers 404). Runs outside any session, on the plain client, and comes back
     * on the caller's Vert.x context.
     */
    public Uni<Void> awaitKnown(String reference) {
        String ref = reference == null ? "" : reference.strip();
        if (!IdGenerator.looksLikeId(ref)) {
            return Uni.createFrom().voidItem();
        }
        Instant asked = Instant.now();
        return BoundedWait.holds(() -> projection.isKnown(ref), wait, Duration.ofMillis(RETRY_MILLIS))
                .chain(known -> known ? Uni.createFrom().voidItem() : unlessLate(ref, asked));
    }

    /**
     * The wait is over and the server is still unknown: late (503, a command is retried) while
     * server-service has not published through the moment the grant was asked for (its relay may
     * have been killed before it sent the ServerCreated), or the server-events consumer is
     * retrying a record or has not read its partitions to their end (or the broker does not
     * answer); otherwise the lookup, which reads after this, answers 404.
     */
    private Uni<Void> unlessLate(String serverId, Instant asked) {
        return positions.unlessBehind(SERVER_EVENTS_CHANNEL, Topics.SERVER_EVENTS, asked, () -> late(serverId))
                .invoke(() -> LOG.debugf("server '%s' is missing, not late: %s is caught up", serverId,
                        SERVER_EVENTS_CHANNEL));
    }

    private static NotYetAvailable late(String serverId) {
        return new NotYetAvailable("server '" + serverId + "' has not reached access-service yet (its events are late); "
                + "try again");
    }

    /** The active server, locked until the transaction ends; must run inside one. */
    public Uni<KnownServer> findActiveForUpdate(String reference) {
        return IdOrName.find("server", reference, servers::findForUpdate, servers::findActiveByName, s -> s.id)
                .chain(server -> server.isActive() ? servers.findForUpdate(server.id) : Uni.createFrom().item(server))
                .map(server -> active(server, reference));
    }

    /** The active server, unlocked, for reads. */
    public Uni<KnownServer> findActive(String reference) {
        return IdOrName.find("server", reference, servers::findById, servers::findActiveByName, s -> s.id)
                .map(server -> active(server, reference));
    }

    private static KnownServer active(KnownServer server, String reference) {
        if (!server.isActive()) {
            throw ProblemException.notFound("server", reference);
        }
        return server;
    }
}

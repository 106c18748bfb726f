package dev.connectplane.token.service;

import dev.connectplane.contracts.Topics;
import dev.connectplane.contracts.envelope.Actor;
import dev.connectplane.foundation.consumers.ConsumerPositions;
import dev.connectplane.foundation.faults.NotYetAvailable;
import dev.connectplane.foundation.problem.ProblemException;
import dev.connectplane.foundation.wait.BoundedWait;
import dev.connectplane.foundation.wait.CallerWaits;
import dev.connectplane.token.config.TokenConfig;
import dev.connectplane.token.repository.ProjectionReads;
import dev.connectplane.token.repository.RequestedVaultRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Read-your-writes for token creation. A client that has just been told its server was created,
 * or a vault granted, may ask for a token before the events have reached this service (server
 * create → ServerCreated → access-service grants → VaultGranted → here). So before its
 * transaction a create whose server or vaults are not yet in the projections waits for them:
 * the projections are read again every {@value #RETRY_MILLIS} ms for up to
 * {@code connect.token.projection-wait}.
 *
 * <p>When the create is then refused because they are still missing, this service decides
 * whether they are late or missing ({@link #lateOrRefused}), from what is committed after the
 * refused transaction:
 * <ul>
 *   <li>late, and the create fails with {@link NotYetAvailable} (REST: 503 with
 *       {@code Retry-After}; a command is tried again), when the consumer that brings them is
 *       retrying a record, does not hold every partition of its topic here or has not applied them
 *       to their end (or the broker does not answer), when the topic's owner has not published
 *       through the moment the create was asked for ({@code OutboxWatermarks}: its relay may have
 *       been killed before it sent them), or the vault is one the server was created
 *       with whose grant has not arrived (within {@code connect.token.requested-vault-horizon});</li>
 *   <li>arrived meanwhile, when nothing is missing any more once they are known not to be late
 *       (the events were applied between the transaction's reads and then): the create is made once more, and that is the
 *       answer;</li>
 *   <li>missing otherwise: the create goes on and is refused with the usual not-found or
 *       not-granted answer.</li>
 * </ul>
 *
 * <p>Reads with the plain client, outside any Hibernate session ({@link BoundedWait}).
 */
@ApplicationScoped
public class ProjectionWait {

    private static final Logger LOG = Logger.getLogger(ProjectionWait.class);
    static final long RETRY_MILLIS = 20;
    static final String SERVER_NOT_FOUND = "server-not-found";
    static final String VAULT_NOT_GRANTED = "vault-not-granted";
    private static final String SERVER_EVENTS = "server-events";
    private static final String ACCESS_EVENTS = "access-events";

    private final ProjectionReads projections;
    private final Duration wait;
    private final Duration requestedVaultHorizon;
    private final RequestedVaultRepository requestedVaults;
    private final ConsumerPositions positions;
    private final CallerWaits waits;

    public ProjectionWait(ProjectionReads projections, TokenConfig config, RequestedVaultRepository requestedVaults,
                          ConsumerPositions positions, CallerWaits waits) {
        this.projections = projections;
        this.wait = config.projectionWait();
        this.requestedVaultHorizon = config.requestedVaultHorizon();
        this.requestedVaults = requestedVaults;
        this.positions = positions;
        this.waits = waits;
    }

    /**
     * Completes once the server and every vault reference are in the projections, or once the
     * wait is over; waits only for a caller who could manage that server were it there, within
     * the caller's bound ({@link CallerWaits}), so an outsider learns nothing from the time.
     */
    public Uni<Void> awaitServerAndVaults(Actor actor, String serverReference, List<String> vaultReferences) {
        String server = serverReference == null ? "" : serverReference.strip();
        if (server.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return waits.forServer(actor, server,
                () -> BoundedWait.until(() -> ready(server, vaultReferences), wait, Duration.ofMillis(RETRY_MILLIS)));
    }

    /** Whether a create was refused as {@code server-not-found} or {@code vault-not-granted}: maybe for something late. */
    public static boolean mayBeLate(Throwable failure) {
        return failure instanceof ProblemException problem
                && (SERVER_NOT_FOUND.equals(problem.slug()) || VAULT_NOT_GRANTED.equals(problem.slug()));
    }

    /**
     * Fails with {@link NotYetAvailable} when the server or vault a create was refused for may be
     * late, else with the refusal itself. Decided after the create's transaction, from what is
     * committed then, so an event applied meanwhile is seen: when nothing is missing any more (the
     * events arrived between the transaction's reads and this look), the create is made once more,
     * with {@code again}, and its outcome is the answer. A caller who could not manage the server
     * gets the refusal as it is: "on its way" would tell them the server exists.
     */
    public <T> Uni<T> lateOrRefused(Actor actor, String serverReference, List<String> vaultReferences, Instant asked,
                                    Throwable refusal, Supplier<Uni<T>> again) {
        String server = serverReference == null ? "" : serverReference.strip();
        return waits.couldManage(actor, server)
                .chain(allowed -> allowed ? stillMissing(server, vaultReferences, asked) : Uni.createFrom().item(true))
                .chain(missing -> missing ? Uni.createFrom().<T>failure(refusal) : again.get());
    }

    private Uni<Boolean> ready(String server, List<String> vaults) {
        return serverId(server)
                .chain(serverId -> serverId == null ? Uni.createFrom().item(false) : allGranted(serverId, vaults, 0));
    }

    /**
     * True when something is still missing and not on its way (the refusal stands), false when
     * everything has arrived since the refused transaction; fails with {@link NotYetAvailable} if
     * what is missing may still be on its way. Once the events are known not to be late, the
     * projections are read again: what was missing may have been applied between the first read
     * and that answer.
     */
    private Uni<Boolean> stillMissing(String server, List<String> vaults, Instant asked) {
        return serverId(server)
                .chain(serverId -> serverId == null
                        ? lateIfBehind(SERVER_EVENTS, Topics.SERVER_EVENTS, asked, "server '" + server + "'")
                        : missingVault(serverId, vaults, 0).chain(vault -> vault == null
                                ? Uni.createFrom().voidItem()
                                : lateIfRequestedOrBehind(serverId, server, vault, asked)))
                .chain(() -> missingAfterAll(server, vaults));
    }

    /** Read once the events are known not to be late: true if something is missing for good. */
    private Uni<Boolean> missingAfterAll(String server, List<String> vaults) {
        return ready(server, vaults)
                .invoke(ready -> logArrivedMeanwhile(server, ready))
                .map(ready -> !ready);
    }

    private static void logArrivedMeanwhile(String server, boolean ready) {
        if (ready) {
            LOG.debugf("server '%s' and its vaults arrived after the refused transaction's reads: creating again", server);
        }
    }

    private Uni<Void> lateIfRequestedOrBehind(String serverId, String server, String vault, Instant asked) {
        OffsetDateTime since = OffsetDateTime.now().minus(requestedVaultHorizon);
        return requestedVaults.isOnItsWay(serverId, vault, since)
                .chain(onItsWay -> onItsWay
                        ? Uni.createFrom().failure(late("the grant of vault '" + vault + "' to server '" + server + "'"))
                        : lateIfBehind(ACCESS_EVENTS, Topics.ACCESS_EVENTS, asked,
                                "vault '" + vault + "' of server '" + server + "'"));
    }

    private Uni<Void> lateIfBehind(String channel, String topic, Instant asked, String what) {
        return positions.unlessBehind(channel, topic, asked, () -> late(what))
                .invoke(() -> LOG.debugf("%s is not late: its owner published through %s and %s is caught up", what,
                        asked, channel));
    }

    private static NotYetAvailable late(String what) {
        return new NotYetAvailable(what + " has not reached token-service yet (its events are late); try again");
    }

    private Uni<String> serverId(String server) {
        return projections.activeServerId(server);
    }

    private Uni<Boolean> allGranted(String serverId, List<String> vaults, int index) {
        return missingVault(serverId, vaults, index).map(missing -> missing == null);
    }

    /** The first vault reference from {@code index} on that the server does not have, or null. */
    private Uni<String> missingVault(String serverId, List<String> vaults, int index) {
        if (index >= vaults.size()) {
            return Uni.createFrom().nullItem();
        }
        return projections.serverHasVault(serverId, vaults.get(index))
                .chain(has -> has
                        ? missingVault(serverId, vaults, index + 1)
                        : Uni.createFrom().item(vaults.get(index)));
    }
}

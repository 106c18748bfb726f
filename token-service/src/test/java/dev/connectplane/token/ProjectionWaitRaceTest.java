package dev.connectplane.token;

import static dev.connectplane.token.TokenTestSupport.knownServer;
import static dev.connectplane.token.TokenTestSupport.vault;
import static org.assertj.core.api.Assertions.assertThat;

import dev.connectplane.contracts.common.VaultRef;
import dev.connectplane.contracts.envelope.Actor;
import dev.connectplane.foundation.faults.NotYetAvailable;
import dev.connectplane.foundation.ids.IdGenerator;
import dev.connectplane.foundation.problem.ProblemException;
import dev.connectplane.testing.ConnectInfraResource;
import dev.connectplane.testing.TestIdentities;
import dev.connectplane.token.TokenTestSupport.TestServer;
import dev.connectplane.token.service.ProjectionWait;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * A create refused because its server was not there may meet the server's events a moment
 * later: they are applied between the refused transaction's reads and the look at what is
 * missing. The server is then there, its consumers are caught up, and the refusal would be a
 * 404 for a server that exists (FaultDrillIT found it after token-service restarts). So when
 * nothing is missing any more, the create is made once more and that is the answer.
 */
@QuarkusTest
@QuarkusTestResource(ConnectInfraResource.class)
class ProjectionWaitRaceTest {

    private static final Actor MANAGER = Actor.user("race-admin", List.of(TestIdentities.MANAGERS_GROUP));

    @Inject
    Pool pool;

    @Inject
    ProjectionWait projectionWait;

    @Test
    void aRefusalForWhatHasArrivedSinceIsMadeAgain() {
        VaultRef prod = vault("Prod");
        TestServer server = knownServer(pool, prod);
        AtomicInteger attempts = new AtomicInteger();

        String answer = projectionWait.lateOrRefused(MANAGER, server.id(), List.of(prod.vaultName()), waitedFor(),
                        ProblemException.notFound("server", server.id()), () -> again(attempts))
                .await().atMost(Duration.ofSeconds(10));

        assertThat(answer).isEqualTo("made again");
        assertThat(attempts).hasValue(1);
    }

    @Test
    void aRefusalForWhatIsStillMissingStands() {
        String absent = IdGenerator.newId();
        AtomicInteger attempts = new AtomicInteger();
        ProblemException refusal = ProblemException.notFound("server", absent);

        Throwable answer = Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> outcome(absent, waitedFor(), refusal, attempts), failure -> !(failure instanceof NotYetAvailable));

        assertThat(answer).as("late only while events of other tests are still being applied").isSameAs(refusal);
        assertThat(attempts).hasValue(0);
    }

    /**
     * A server-service whose relay was killed before it sent a ServerCreated publishes no
     * watermark until it is back: a missing server is late until server-service's watermark has
     * passed the moment the create was asked for. Asked an hour from now, no watermark has, while
     * asked as long ago as the projection wait lasts, the same server is missing (everything else
     * is caught up).
     */
    @Test
    void aMissingServerIsLateUntilItsOwnersRelayHasPublishedPastTheAsking() {
        String absent = IdGenerator.newId();
        AtomicInteger attempts = new AtomicInteger();
        ProblemException refusal = ProblemException.notFound("server", absent);
        Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> outcome(absent, waitedFor(), refusal, attempts), failure -> failure == refusal);

        Throwable beforeTheWatermark = outcome(absent, Instant.now().plus(Duration.ofHours(1)), refusal, attempts);

        assertThat(beforeTheWatermark).isInstanceOf(NotYetAvailable.class).hasMessageContaining("late");
        assertThat(attempts).hasValue(0);
    }

    /**
     * When a create that lateOrRefused judges now was asked for: before the projection wait of
     * {@code connect.token.projection-wait} (3 s), which lets the owners' watermarks pass it.
     */
    private static Instant waitedFor() {
        return Instant.now().minus(Duration.ofSeconds(3));
    }

    /** What lateOrRefused failed with: the refusal, or late while server-events is behind. */
    private Throwable outcome(String server, Instant asked, ProblemException refusal, AtomicInteger attempts) {
        try {
            projectionWait.lateOrRefused(MANAGER, server, List.of(), asked, refusal, () -> again(attempts))
                    .await().atMost(Duration.ofSeconds(10));
            return null;
        } catch (RuntimeException failure) {
            return failure;
        }
    }

    private static Uni<String> again(AtomicInteger attempts) {
        attempts.incrementAndGet();
        return Uni.createFrom().item("made again");
    }
}

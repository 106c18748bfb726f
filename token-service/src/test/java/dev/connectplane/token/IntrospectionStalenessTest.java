package dev.connectplane.token;

import static dev.connectplane.token.TokenTestSupport.isActive;
import static dev.connectplane.token.TokenTestSupport.knownServer;
import static dev.connectplane.token.TokenTestSupport.token;
import static dev.connectplane.token.TokenTestSupport.vault;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.connectplane.contracts.common.VaultRef;
import dev.connectplane.foundation.consumers.ConsumerPositions;
import dev.connectplane.testing.ConnectInfraResource;
import dev.connectplane.token.TokenTestSupport.TestServer;
import dev.connectplane.token.introspection.IntrospectionCache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The bound on how stale an introspection answer from memory may be. A revocation written to the
 * database without any event (as another instance's would look to an instance whose listener
 * missed it) is seen once the entry is re-validated (connect.token.cache-max-staleness, 5 s), and
 * at once while the listener is not trusted to be caught up.
 */
@QuarkusTest
@QuarkusTestResource(ConnectInfraResource.class)
class IntrospectionStalenessTest {

    @Inject
    Pool pool;

    @Inject
    IntrospectionCache cache;

    @Inject
    ConsumerPositions positions;

    /**
     * Memory is trusted only while the access-change listener is caught up; it may still be
     * reading what an earlier test of this JVM published, such as a 10,000-token cascade.
     */
    @BeforeEach
    void listenerTrusted() {
        await().atMost(Duration.ofSeconds(60)).until(cache::eventsTrusted);
    }

    @Test
    void aRevocationNoEventAnnouncedIsSeenOnceTheCachedAnswerIsRevalidated() {
        VaultRef prod = vault("Prod");
        TestServer server = knownServer(pool, prod);
        String[] token = token(server, prod.vaultName());
        listenerHasReadTheTokensOwnEvents(server);
        assertThat(isActive(token[1])).isTrue();

        revokeBehindTheCachesBack(token[0]);

        assertThat(isActive(token[1])).as("answered from memory right after").isTrue();
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(250)).until(() -> !isActive(token[1]));
    }

    @Test
    void whileTheListenerIsNotTrustedEveryAnswerReadsTheDatabase() {
        VaultRef prod = vault("Prod");
        TestServer server = knownServer(pool, prod);
        String[] token = token(server, prod.vaultName());
        listenerHasReadTheTokensOwnEvents(server);
        assertThat(isActive(token[1])).isTrue();
        revokeBehindTheCachesBack(token[0]);
        assertThat(isActive(token[1])).as("answered from memory while trusted").isTrue();

        cache.trustEvents(false);
        try {
            assertThat(isActive(token[1])).isFalse();
        } finally {
            cache.trustEvents(true);
        }
    }

    /**
     * Issuing the token publishes an access change that the listener answers by dropping the
     * token's entry; were that to arrive after the first answer was cached, the second would read
     * the database for a reason other than the one under test.
     */
    private void listenerHasReadTheTokensOwnEvents(TestServer server) {
        await().atMost(Duration.ofSeconds(30)).until(() -> unpublished(server.id()) == 0
                && positions.caughtUp("token-cache").await().atMost(Duration.ofSeconds(10)));
    }

    private long unpublished(String serverId) {
        return pool.preparedQuery("select count(*) from token_service.outbox_event where record_key = $1 "
                        + "and published_at is null")
                .execute(Tuple.of(serverId))
                .await().atMost(Duration.ofSeconds(10))
                .iterator().next().getLong(0);
    }

    private void revokeBehindTheCachesBack(String tokenId) {
        pool.preparedQuery("update token_service.token set state = 'REVOKED', revoke_reason = 'DELETED', revoked_at = now() "
                        + "where id = $1")
                .execute(Tuple.of(tokenId))
                .await().atMost(Duration.ofSeconds(10));
    }
}

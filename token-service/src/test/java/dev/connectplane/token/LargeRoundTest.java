package dev.connectplane.token;

import static dev.connectplane.token.TokenTestSupport.count;
import static org.assertj.core.api.Assertions.assertThat;

import dev.connectplane.contracts.Topics;
import dev.connectplane.foundation.ids.IdGenerator;
import dev.connectplane.testing.ConnectInfraResource;
import dev.connectplane.testing.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * A cascade-sized round (20,000 rows of one key, token-service's batch) goes out whole and in
 * order. On the revocation benchmark's database the relay's former read, a correlated anti-join,
 * got a cached generic plan that rescanned every unpublished row for each row read, so such a
 * round ran for minutes past the relay's timeout; this test's database statistics did not lead
 * PostgreSQL to that plan, so it guards the round's delivery and order, not that plan itself.
 */
@QuarkusTest
@QuarkusTestResource(ConnectInfraResource.class)
class LargeRoundTest {

    private static final int ROWS = 20_000;

    @Inject
    Pool pool;

    @Test
    void aRoundOfTwentyThousandRowsReachesTheTopicWholeAndInOrder() {
        String key = IdGenerator.newId();
        try (TopicProbe probe = TopicProbe.onTopic(Topics.TOKEN_EVENTS)) {
            pool.preparedQuery("insert into token_service.outbox_event (event_id, topic, record_key, event_type, payload) "
                            + "select gen_random_uuid()::text, $1, $2, 'connect.token.revoked.v1', 'row ' || n "
                            + "from generate_series(1, $3) as n order by n")
                    .execute(Tuple.of(Topics.TOKEN_EVENTS, key, ROWS))
                    .await().atMost(Duration.ofSeconds(30));

            List<ConsumerRecord<String, String>> records =
                    probe.awaitRecords(record -> key.equals(record.key()), ROWS, Duration.ofSeconds(60));

            assertThat(records.stream().map(ConsumerRecord::value).toList())
                    .containsExactlyElementsOf(IntStream.rangeClosed(1, ROWS).mapToObj(n -> "row " + n).toList());
        }
        assertThat(count(pool, "select count(*) from token_service.outbox_event where record_key = $1 "
                + "and published_at is null", key)).isZero();
    }
}

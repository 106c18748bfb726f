package dev.connectplane.server;

import static dev.connectplane.server.TestSupport.count;
import static dev.connectplane.server.TestSupport.unique;
import static org.assertj.core.api.Assertions.assertThat;

import dev.connectplane.foundation.retention.ProcessedRowsRetention;
import dev.connectplane.testing.ConnectInfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Processed-event and command-log rows older than the retention (14 days) are deleted; younger ones stay. */
@QuarkusTest
@QuarkusTestResource(ConnectInfraResource.class)
class RetentionTest {

    @Inject
    Pool pool;

    @Inject
    ProcessedRowsRetention retention;

    @Test
    void rowsOlderThanTheRetentionAreDeletedInBatchesByConcurrentRuns() {
        String run = unique("ret").replace(' ', '-');
        insertInbox(run + "-old-", 12_000, "30 days");
        insertInbox(run + "-young-", 3, "13 days");
        insertCommands(run + "-old-", 7, "15 days");
        insertCommands(run + "-young-", 2, "1 hour");

        // two instances' jobs at once (and a batch of 5,000 means several statements each)
        List<CompletableFuture<Long>> runs = IntStream.range(0, 2)
                .mapToObj(i -> retention.purge().subscribeAsCompletionStage()).toList();
        long deleted = runs.stream().mapToLong(CompletableFuture::join).sum();

        assertThat(deleted).as("each old row deleted once, between the two").isGreaterThanOrEqualTo(12_007);
        assertThat(count(pool, "select count(*) from server_service.inbox_processed_event where event_id like $1",
                run + "-old-%")).isZero();
        assertThat(count(pool, "select count(*) from server_service.inbox_processed_event where event_id like $1",
                run + "-young-%")).isEqualTo(3);
        assertThat(count(pool, "select count(*) from server_service.command_log where command_id like $1",
                run + "-old-%")).isZero();
        assertThat(count(pool, "select count(*) from server_service.command_log where command_id like $1",
                run + "-young-%")).isEqualTo(2);
    }

    private void insertInbox(String prefix, int rows, String age) {
        pool.preparedQuery("insert into server_service.inbox_processed_event "
                        + "(event_id, event_type, source_topic, source_partition, source_offset, processed_at) "
                        + "select $1 || n, 'test', 'test', 0, n, now() - $2::text::interval from generate_series(1, $3) n")
                .execute(Tuple.of(prefix, age, rows))
                .await().atMost(Duration.ofSeconds(30));
    }

    private void insertCommands(String prefix, int rows, String age) {
        pool.preparedQuery("insert into server_service.command_log (principal, command_id, command_type, received_at) "
                        + "select 'retention-test', $1 || n, 'server.create', now() - $2::text::interval from generate_series(1, $3) n")
                .execute(Tuple.of(prefix, age, rows))
                .await().atMost(Duration.ofSeconds(30));
    }
}

package dev.connectplane.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.connectplane.bench.faults.Consistency;
import dev.connectplane.bench.faults.DrillHttp;
import dev.connectplane.bench.faults.DrillStack;
import dev.connectplane.bench.faults.Findings;
import dev.connectplane.bench.faults.Ledger;
import dev.connectplane.bench.faults.MixedLoad;
import dev.connectplane.infra.ServiceProcess;
import dev.connectplane.testing.TestIdentities;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two instances of every service on one database and one broker. A mixed load creates, grants,
 * revokes and deletes through the shared instances; in the middle the instance whose relay
 * publishes token-service's outbox is killed with SIGKILL (and started again). At the end every
 * acknowledged operation holds when read through the second instances, and through the first:
 * nothing lost, nothing duplicated, nothing out of order, every revoked token inactive on both.
 */
class TwoInstancesIT {

    private static final Duration WITHIN = Duration.ofSeconds(120);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static SystemStack stack;

    @BeforeAll
    static void start() throws Exception {
        stack = SystemStack.shared();
        stack.startSecondInstances();
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (stack != null) {
            stack.stopSecondInstances();
        }
    }

    @Test
    void everyInstanceIsReadyWithItsShareOfThePartitions() {
        for (String service : DrillStack.SERVICES) {
            assertThat(stack.instances(service)).hasSize(2);
            for (ServiceProcess instance : stack.instances(service)) {
                await().atMost(WITHIN).until(() -> readiness(instance) == 200);
            }
            assertThat(stack.instances(service)).as(service + ": exactly one relay publishes")
                    .filteredOn(ServiceProcess::isRelayLeader).hasSize(1);
        }
    }

    @Test
    void writesThroughOneInstanceHoldThroughTheOtherAcrossAKilledRelayLeader() throws Exception {
        DrillHttp http = new DrillHttp(TestIdentities.bearer("two-instances", TestIdentities.MANAGERS_GROUP));
        Ledger ledger = new Ledger();
        MixedLoad load = new MixedLoad(stack, http, ledger, 4);
        load.start(3);
        try {
            await().atMost(WITHIN).until(() -> ledger.acknowledgedOperations() >= 40);
            stack.killAndRestartRelayLeader("token-service");
            int atRestart = ledger.acknowledgedOperations();
            await().atMost(WITHIN).until(() -> ledger.acknowledgedOperations() >= atRestart + 40);
        } finally {
            load.stop();
        }

        Findings throughSecond = new Consistency(stack.throughSecondInstances(), http).awaitClean(ledger, WITHIN);
        Findings throughFirst = new Consistency(stack, http).check(ledger, false);

        assertThat(ledger.acknowledgedOperations()).isGreaterThanOrEqualTo(80);
        assertThat(throughSecond.clean()).as("through the second instances: %s", throughSecond).isTrue();
        assertThat(throughFirst.clean()).as("through the first instances: %s", throughFirst).isTrue();
        assertThat(http.serverErrors()).as("5xx other than 503").isZero();
    }

    private static int readiness(ServiceProcess instance) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(instance.baseUrl() + "/q/health/ready"))
                .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}

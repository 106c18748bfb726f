package dev.connectplane.audit;

import static dev.connectplane.testing.AccessMatrix.expect;
import static org.awaitility.Awaitility.await;

import dev.connectplane.contracts.access.GrantScope;
import dev.connectplane.contracts.access.GroupGranted;
import dev.connectplane.contracts.access.GroupRevoked;
import dev.connectplane.testing.AccessMatrix.Caller;
import dev.connectplane.testing.AccessMatrix;
import dev.connectplane.testing.ConnectInfraResource;
import dev.connectplane.testing.TestEvents;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The audit history is for Secrets Automation managers only: the bootstrap group, or a group
 * granted as managers (learned from access events); everyone else is refused, including the
 * export route, which is not a REST resource.
 */
@QuarkusTest
@QuarkusTestResource(ConnectInfraResource.class)
class AuthorizationMatrixTest {

    @Test
    void onlyManagersReadVerifyAndExportTheHistory() {
        AccessMatrix matrix = new AccessMatrix("Basic c2VydmVyOnNlY3JldA==");
        matrix.announceGrants(TestEvents.newId());

        matrix.check("GET", "/v1/audit/records?limit=1", null, expect(200, 403, 403, 403, 401, 401))
                .check("GET", "/v1/audit/verify?from_seq=1&to_seq=1", null, expect(200, 403, 403, 403, 401, 401))
                .check("GET", "/v1/audit/export/ocsf?to=2000-01-01T00:00:00Z", null,
                        expect(200, 403, 403, 403, 401, 401))
                .check("GET", "/v1/audit/export/no-such-format", null, expect(400, 403, 403, 403, 401, 401))
                .verify();
    }

    @Test
    void aGroupGrantedAsManagersMayReadUntilItIsRevoked() {
        AccessMatrix matrix = new AccessMatrix(null);
        String groupId = TestEvents.newId();
        TestEvents.publish(new GroupGranted(groupId, matrix.outsiderGroup(), GrantScope.MANAGERS, null));
        awaitStatus(matrix, 200);

        TestEvents.publish(new GroupRevoked(groupId, matrix.outsiderGroup(), GrantScope.MANAGERS, null));
        awaitStatus(matrix, 403);
        matrix.check(Caller.OUTSIDER, "GET", "/v1/audit/export/ecs?to=2000-01-01T00:00:00Z", null, 403).verify();
    }

    private static void awaitStatus(AccessMatrix matrix, int status) {
        await().atMost(Duration.ofSeconds(20))
                .until(() -> matrix.as(Caller.OUTSIDER).get("/v1/audit/records?limit=1").statusCode() == status);
    }
}

package dev.connectplane.testing;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.connectplane.contracts.access.GrantScope;
import dev.connectplane.contracts.access.GroupGranted;
import dev.connectplane.contracts.access.GroupRevoked;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The authorization matrix of a service: every endpoint asked by each kind of caller, each answer
 * compared with the status expected for that caller. All mismatches of a check are reported
 * together, so one run shows the whole difference from the table.
 *
 * <p>Each matrix has groups of its own (unique names), so that grants and revokes made by one
 * test do not change what another sees.
 */
public final class AccessMatrix {

    /** The kinds of caller, in the column order of {@link #expect}. */
    public enum Caller {
        /** A member of the bootstrap managers group. */
        MANAGER,
        /** A member of a group granted on the matrix's server. */
        SERVER_GROUP,
        /** A member of a group granted on all servers. */
        ALL_SERVERS_GROUP,
        /** A member of a group with no grant. */
        OUTSIDER,
        /** No credentials at all. */
        ANONYMOUS,
        /** The HTTP Basic credentials of the matrix's server. */
        SERVER_CREDENTIALS
    }

    private final String serverGroup = "team " + UUID.randomUUID().toString().substring(0, 8);
    private final String allServersGroup = "platform " + UUID.randomUUID().toString().substring(0, 8);
    private final String outsiderGroup = "outsiders " + UUID.randomUUID().toString().substring(0, 8);
    private final String serverGroupId = TestEvents.newId();
    private final String allServersGroupId = TestEvents.newId();
    private final Map<Caller, String> authorization = new EnumMap<>(Caller.class);
    private final List<String> mismatches = new ArrayList<>();

    /** {@code serverBasicAuth} is the {@code Authorization} value of the server's credentials. */
    public AccessMatrix(String serverBasicAuth) {
        authorization.put(Caller.MANAGER, TestIdentities.bearer("mia-manager", TestIdentities.MANAGERS_GROUP));
        authorization.put(Caller.SERVER_GROUP, TestIdentities.bearer("sam-member", serverGroup));
        authorization.put(Caller.ALL_SERVERS_GROUP, TestIdentities.bearer("pat-platform", allServersGroup));
        authorization.put(Caller.OUTSIDER, TestIdentities.bearer("olly-outsider", outsiderGroup));
        authorization.put(Caller.ANONYMOUS, TestIdentities.ANONYMOUS);
        authorization.put(Caller.SERVER_CREDENTIALS, serverBasicAuth);
    }

    public String serverGroup() {
        return serverGroup;
    }

    public String allServersGroup() {
        return allServersGroup;
    }

    public String outsiderGroup() {
        return outsiderGroup;
    }

    /**
     * Publishes the grants as access-service would: the server group on {@code serverId}, the
     * all-servers group on all servers. For services that learn grants from events.
     */
    public void announceGrants(String serverId) {
        announceServerGrant(serverId);
        TestEvents.publish(new GroupGranted(allServersGroupId, allServersGroup, GrantScope.ALL_SERVERS, null));
    }

    /** Publishes a grant of the server group on one more server. */
    public void announceServerGrant(String serverId) {
        TestEvents.publish(new GroupGranted(serverGroupId, serverGroup, GrantScope.SERVER, serverId));
    }

    /** Publishes the revoke of the server group's grant on {@code serverId}. */
    public void announceServerRevoke(String serverId) {
        TestEvents.publish(new GroupRevoked(serverGroupId, serverGroup, GrantScope.SERVER, serverId));
    }

    /** The {@code Authorization} header value this kind of caller sends. */
    public String authorizationOf(Caller caller) {
        return authorization.get(caller);
    }

    /** A request as {@code caller}, ready for the verb. */
    public RequestSpecification as(Caller caller) {
        return given().header("Authorization", authorizationOf(caller));
    }

    /** Expected statuses, one per {@link Caller} in declaration order. */
    public static Map<Caller, Integer> expect(int manager, int serverGroup, int allServersGroup, int outsider,
                                              int anonymous, int serverCredentials) {
        Map<Caller, Integer> expected = new EnumMap<>(Caller.class);
        expected.put(Caller.MANAGER, manager);
        expected.put(Caller.SERVER_GROUP, serverGroup);
        expected.put(Caller.ALL_SERVERS_GROUP, allServersGroup);
        expected.put(Caller.OUTSIDER, outsider);
        expected.put(Caller.ANONYMOUS, anonymous);
        expected.put(Caller.SERVER_CREDENTIALS, serverCredentials);
        return expected;
    }

    /**
     * Sends {@code method path} (with a JSON {@code body} when not null) as every caller and
     * records each status that differs from the expected one.
     */
    public AccessMatrix check(String method, String path, Object body, Map<Caller, Integer> expected) {
        for (Map.Entry<Caller, Integer> entry : expected.entrySet()) {
            check(entry.getKey(), method, path, body, entry.getValue());
        }
        return this;
    }

    /** One cell: {@code method path} as {@code caller} must answer {@code status}. */
    public AccessMatrix check(Caller caller, String method, String path, Object body, int status) {
        RequestSpecification request = as(caller);
        if (body != null) {
            request = request.contentType(ContentType.JSON).body(body);
        }
        io.restassured.response.Response response = request.request(method, path);
        int actual = response.statusCode();
        if (actual != status) {
            mismatches.add(method + " " + path + " as " + caller + ": expected " + status + ", got " + actual
                    + " " + response.asString());
        } else if (actual == 401 && response.header("WWW-Authenticate") == null) {
            mismatches.add(method + " " + path + " as " + caller + ": 401 without WWW-Authenticate");
        } else if (actual >= 400 && !String.valueOf(response.contentType()).startsWith("application/problem+json")) {
            mismatches.add(method + " " + path + " as " + caller + ": " + actual + " is not problem+json");
        }
        return this;
    }

    /** Fails with every mismatch recorded so far. */
    public void verify() {
        assertTrue(mismatches.isEmpty(), () -> mismatches.size() + " cells of the authorization matrix differ:\n"
                + String.join("\n", mismatches));
    }
}

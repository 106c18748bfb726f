package dev.connectplane.token;

import static io.restassured.RestAssured.given;

import dev.connectplane.contracts.access.VaultGranted;
import dev.connectplane.contracts.access.VaultRevocationReason;
import dev.connectplane.contracts.access.VaultRevoked;
import dev.connectplane.contracts.common.VaultRef;
import dev.connectplane.contracts.envelope.EventEnvelope;
import dev.connectplane.contracts.envelope.EventPayload;
import dev.connectplane.contracts.server.ServerCreated;
import dev.connectplane.contracts.server.ServerDeleted;
import dev.connectplane.foundation.ids.IdGenerator;
import dev.connectplane.foundation.outbox.OutboxWriter;
import dev.connectplane.foundation.secrets.SecretHashes;
import dev.connectplane.testing.TestEvents;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;

/**
 * Publishing server and access events as the other services would, creating tokens and
 * introspecting them over HTTP, and reading the schema.
 */
final class TokenTestSupport {

    private TokenTestSupport() {
    }

    /** A server as server-service announces it, with its credential secret. */
    record TestServer(String id, String name, String secret) {

        String basicAuth() {
            return "Basic " + Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
        }
    }

    static String unique(String prefix) {
        return prefix + " " + UUID.randomUUID().toString().substring(0, 8);
    }

    static VaultRef vault(String name) {
        return new VaultRef(IdGenerator.newId(), unique(name));
    }

    /** Publishes ServerCreated and a VaultGranted per vault, and waits until token-service has them. */
    static TestServer knownServer(Pool pool, VaultRef... vaults) {
        TestServer server = announceServer(vaults);
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() ->
                count(pool, "select count(*) from token_service.known_server where id = $1", server.id()) == 1
                        && count(pool, "select count(*) from token_service.server_vault where server_id = $1", server.id())
                        == vaults.length);
        return server;
    }

    /** Publishes ServerCreated and a VaultGranted per vault, without waiting. */
    static TestServer announceServer(VaultRef... vaults) {
        String id = IdGenerator.newId();
        String secret = UUID.randomUUID() + "-" + UUID.randomUUID();
        TestServer server = new TestServer(id, unique("Server"), secret);
        TestEvents.publish(new ServerCreated(id, server.name(), "alice", OutboxWriter.now(), List.of(vaults),
                SecretHashes.sha256Hex(secret)));
        for (VaultRef vault : vaults) {
            grant(id, vault);
        }
        return server;
    }

    static EventEnvelope<EventPayload> grant(String serverId, VaultRef vault) {
        return TestEvents.publish(new VaultGranted(serverId, vault.vaultId(), vault.vaultName()));
    }

    static EventEnvelope<EventPayload> revokeVault(String serverId, VaultRef vault) {
        return TestEvents.publish(new VaultRevoked(serverId, vault.vaultId(), vault.vaultName(),
                VaultRevocationReason.REVOKED));
    }

    static EventEnvelope<EventPayload> deleteServer(TestServer server) {
        return TestEvents.publish(new ServerDeleted(server.id(), server.name(), OutboxWriter.now()));
    }

    static ValidatableResponse createToken(String name, String server, List<String> vaults, String expiresIn) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("server", server);
        body.put("vaults", vaults);
        if (expiresIn != null) {
            body.put("expires_in", expiresIn);
        }
        return given().contentType(ContentType.JSON).body(body).post("/v1/tokens").then();
    }

    /** Creates a token and returns {@code [id, jwt]}. */
    static String[] token(TestServer server, String... vaults) {
        var response = createToken(unique("token"), server.id(), List.of(vaults), null).statusCode(201).extract();
        return new String[] {response.path("id"), response.path("token")};
    }

    static ValidatableResponse introspect(String token) {
        return given().contentType(ContentType.URLENC).formParam("token", token).post("/v1/tokens/introspect").then();
    }

    static ValidatableResponse introspectAs(TestServer server, String token) {
        return given().header("Authorization", server.basicAuth()).contentType(ContentType.URLENC)
                .formParam("token", token).post("/v1/tokens/introspect").then();
    }

    static boolean isActive(String token) {
        return introspect(token).statusCode(200).extract().<Boolean>path("active");
    }

    static long count(Pool pool, String sql, Object... params) {
        return pool.preparedQuery(sql).execute(Tuple.from(params)).await().atMost(Duration.ofSeconds(10))
                .iterator().next().getLong(0);
    }
}

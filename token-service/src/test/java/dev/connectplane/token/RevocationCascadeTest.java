package dev.connectplane.token;

import static dev.connectplane.token.TokenTestSupport.count;
import static dev.connectplane.token.TokenTestSupport.deleteServer;
import static dev.connectplane.token.TokenTestSupport.grant;
import static dev.connectplane.token.TokenTestSupport.introspect;
import static dev.connectplane.token.TokenTestSupport.introspectAs;
import static dev.connectplane.token.TokenTestSupport.isActive;
import static dev.connectplane.token.TokenTestSupport.knownServer;
import static dev.connectplane.token.TokenTestSupport.revokeVault;
import static dev.connectplane.token.TokenTestSupport.token;
import static dev.connectplane.token.TokenTestSupport.vault;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;

import dev.connectplane.contracts.Topics;
import dev.connectplane.contracts.changes.AccessChangeKind;
import dev.connectplane.contracts.changes.AccessChanged;
import dev.connectplane.contracts.common.VaultRef;
import dev.connectplane.contracts.envelope.EventCodec;
import dev.connectplane.contracts.envelope.EventEnvelope;
import dev.connectplane.contracts.envelope.EventPayload;
import dev.connectplane.contracts.token.TokenRevocationReason;
import dev.connectplane.contracts.token.TokenRevoked;
import dev.connectplane.contracts.token.TokenScopeTrimmed;
import dev.connectplane.testing.ConnectInfraResource;
import dev.connectplane.testing.Pages;
import dev.connectplane.testing.TestEvents;
import dev.connectplane.testing.TopicProbe;
import dev.connectplane.token.TokenTestSupport.TestServer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** What server deletions and vault revocations do to tokens, through the real broker and database. */
@QuarkusTest
@QuarkusTestResource(ConnectInfraResource.class)
class RevocationCascadeTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    Pool pool;

    @Test
    void serverDeleteRevokesEveryTokenAndItsCredentialsWithOrderedAccessChanges() {
        VaultRef prod = vault("Prod");
        TestServer server = knownServer(pool, prod);
        List<String[]> tokens = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            tokens.add(token(server, prod.vaultName()));
        }
        tokens.forEach(t -> introspectAs(server, t[1]).statusCode(200).body("active", equalTo(true)));

        EventEnvelope<EventPayload> deleted = deleteServer(server);

        await().atMost(WAIT).until(() -> tokens.stream().noneMatch(t -> isActive(t[1])));
        introspectAs(server, tokens.get(0)[1]).statusCode(401);
        given().get("/v1/servers/{s}/tokens", server.id()).then().statusCode(200)
                .body("", hasSize(5))
                .body("state", everyItem(equalTo("revoked")))
                .body("revoke_reason", everyItem(equalTo("server_deleted")));
        assertThat(Pages.all("/v1/tokens")).filteredOn(token -> server.id().equals(token.get("integration_id")))
                .isNotEmpty().allSatisfy(token -> assertThat(token.get("state")).isEqualTo("revoked"));
        assertThat(count(pool, "select count(*) from token_service.token where server_id = $1 and state = 'REVOKED' "
                + "and revoke_reason = 'SERVER_DELETED'", server.id())).isEqualTo(5);

        try (TopicProbe changes = TopicProbe.onTopic(Topics.ACCESS_CHANGES);
             TopicProbe tokenEvents = TopicProbe.onTopic(Topics.TOKEN_EVENTS)) {
            List<ConsumerRecord<String, String>> records = changes.awaitRecords(r -> server.id().equals(r.key()), 11, WAIT);
            List<AccessChanged> ordered = records.stream().map(r -> (AccessChanged) EventCodec.decode(r.value()).data()).toList();
            assertThat(ordered).extracting(AccessChanged::change).containsExactly(
                    AccessChangeKind.TOKEN_ISSUED, AccessChangeKind.TOKEN_ISSUED, AccessChangeKind.TOKEN_ISSUED,
                    AccessChangeKind.TOKEN_ISSUED, AccessChangeKind.TOKEN_ISSUED, AccessChangeKind.SERVER_DELETED,
                    AccessChangeKind.TOKEN_REVOKED, AccessChangeKind.TOKEN_REVOKED, AccessChangeKind.TOKEN_REVOKED,
                    AccessChangeKind.TOKEN_REVOKED, AccessChangeKind.TOKEN_REVOKED);
            assertThat(ordered.subList(6, 11)).allSatisfy(change -> assertThat(change.reason()).isEqualTo("server_deleted"));
            assertThat(ordered.subList(6, 11)).extracting(AccessChanged::tokenId)
                    .containsExactlyInAnyOrderElementsOf(tokens.stream().map(t -> t[0]).toList());
            List<EventEnvelope<EventPayload>> revoked = tokenEvents.awaitRecords(r -> server.id().equals(r.key())
                    && r.value().contains("connect.token.revoked.v1"), 5, WAIT).stream().map(r -> EventCodec.decode(r.value())).toList();
            assertThat(revoked).allSatisfy(event -> {
                assertThat(((TokenRevoked) event.data()).reason()).isEqualTo(TokenRevocationReason.SERVER_DELETED);
                assertThat(event.causationid()).isEqualTo(deleted.causationid());
                assertThat(event.actorid()).isEqualTo("alice");
            });
        }
    }

    @Test
    void vaultRevokeTrimsForGoodAndARegrantDoesNotRestore() {
        VaultRef prod = vault("Prod");
        VaultRef dev = vault("Dev");
        TestServer server = knownServer(pool, prod, dev);
        String[] both = token(server, prod.vaultName(), dev.vaultName() + ",r");
        String[] devOnly = token(server, dev.vaultId());

        revokeVault(server.id(), dev);
        await().atMost(WAIT).until(() -> introspect(both[1]).extract().<List<?>>path("vaults").size() == 1);
        introspect(both[1]).body("active", equalTo(true)).body("vaults[0].id", equalTo(prod.vaultId()));
        introspect(devOnly[1]).body("active", equalTo(true)).body("vaults", hasSize(0));
        introspect(both[1]).body("vaults", hasSize(1));

        try (TopicProbe tokenEvents = TopicProbe.onTopic(Topics.TOKEN_EVENTS)) {
            TokenScopeTrimmed trimmed = tokenEvents.awaitRecords(r -> r.value().contains("scope-trimmed") && r.value().contains(both[0]),
                    1, WAIT).stream().map(r -> (TokenScopeTrimmed) EventCodec.decode(r.value()).data()).findFirst().orElseThrow();
            assertThat(trimmed.vaultId()).isEqualTo(dev.vaultId());
            assertThat(trimmed.remainingVaults()).extracting(v -> v.vaultId()).containsExactly(prod.vaultId());
        }

        grant(server.id(), dev);
        await().atMost(WAIT).until(() -> count(pool, "select count(*) from token_service.server_vault where server_id = $1 "
                + "and vault_id = $2", server.id(), dev.vaultId()) == 1);
        introspect(both[1]).body("vaults", hasSize(1)).body("vaults[0].id", equalTo(prod.vaultId()));
        given().get("/v1/servers/{s}/tokens/{t}", server.id(), both[0]).then().statusCode(200)
                .body("vaults", hasSize(1)).body("trimmed_vaults[0].id", equalTo(dev.vaultId()));
        String[] fresh = token(server, dev.vaultName());
        introspect(fresh[1]).body("vaults[0].id", equalTo(dev.vaultId()));
    }

    @Test
    void duplicateEventsHaveOneEffect() {
        VaultRef prod = vault("Prod");
        VaultRef dev = vault("Dev");
        TestServer server = knownServer(pool, prod, dev);
        String[] token = token(server, prod.vaultName(), dev.vaultName());

        EventEnvelope<EventPayload> revoke = revokeVault(server.id(), dev);
        TestEvents.send(Topics.ACCESS_EVENTS, revoke);
        EventEnvelope<EventPayload> delete = deleteServer(server);
        TestEvents.send(Topics.SERVER_EVENTS, delete);

        try (TopicProbe tokenEvents = TopicProbe.onTopic(Topics.TOKEN_EVENTS)) {
            tokenEvents.awaitRecords(r -> r.value().contains(token[0]) && r.value().contains("connect.token.revoked.v1"), 1, WAIT);
            List<ConsumerRecord<String, String>> all = tokenEvents.recordsAfter(r -> r.value().contains(token[0]),
                    Duration.ofSeconds(2));
            assertThat(all).extracting(r -> EventCodec.decode(r.value()).type()).containsExactly(
                    "connect.token.issued.v1", "connect.token.scope-trimmed.v1", "connect.token.revoked.v1");
        }
        assertThat(count(pool, "select count(*) from token_service.inbox_processed_event where event_id in ($1, $2)",
                revoke.id(), delete.id())).isEqualTo(2);
    }

    @Test
    void aTokenOfOneServerIsNotAcceptedByAnotherServersCredentials() {
        VaultRef prod = vault("Prod");
        TestServer mine = knownServer(pool, prod);
        TestServer theirs = knownServer(pool, vault("Theirs"));
        String[] token = token(mine, prod.vaultId());

        introspectAs(mine, token[1]).statusCode(200).body("active", equalTo(true)).body("server_id", equalTo(mine.id()));
        introspectAs(theirs, token[1]).statusCode(200).body("active", equalTo(false)).body("token_id", org.hamcrest.Matchers.nullValue());
        TestServer forged = new TestServer(mine.id(), mine.name(), "not-the-secret");
        introspectAs(forged, token[1]).statusCode(401).header("WWW-Authenticate", org.hamcrest.Matchers.startsWith("Basic"));
    }

    @Test
    void anUnreadableEventGoesToTheDeadLetterTopicAndTheNextIsApplied() {
        String key = dev.connectplane.foundation.ids.IdGenerator.newId();
        dev.connectplane.testing.TopicProbe.send(Topics.SERVER_EVENTS, key, "{\"not\": \"an event\"",
                java.util.Map.of());
        TestServer next = knownServer(pool, vault("After"));

        try (TopicProbe deadLetters = TopicProbe.onTopic(Topics.deadLetter("token-service"))) {
            ConsumerRecord<String, String> dead = deadLetters.awaitRecords(r -> key.equals(r.key()), 1, WAIT).get(0);
            assertThat(new String(dead.headers().lastHeader("dead-letter-topic").value())).isEqualTo(Topics.SERVER_EVENTS);
        }
        assertThat(count(pool, "select count(*) from token_service.known_server where id = $1", next.id())).isEqualTo(1);
    }
}

package dev.connectplane.audit;

import static dev.connectplane.audit.AuditTestSupport.awaitChained;
import static dev.connectplane.audit.AuditTestSupport.id;
import static dev.connectplane.audit.AuditTestSupport.publish;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.nullValue;

import dev.connectplane.audit.repository.AuditStore;
import dev.connectplane.audit.service.RecordHasher;
import dev.connectplane.contracts.Topics;
import dev.connectplane.contracts.audit.AuditCheckpointed;
import dev.connectplane.contracts.envelope.Actor;
import dev.connectplane.contracts.envelope.EventCodec;
import dev.connectplane.contracts.envelope.EventDecodingException;
import dev.connectplane.contracts.envelope.EventEnvelope;
import dev.connectplane.contracts.envelope.EventPayload;
import dev.connectplane.contracts.server.ServerRenamed;
import dev.connectplane.testing.ConnectInfraResource;
import dev.connectplane.testing.TestEvents;
import dev.connectplane.testing.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.keys.EllipticCurves;
import org.junit.jupiter.api.Test;

/**
 * Signed checkpoints of the chain's head: published on {@code connect.audit.checkpoints} every
 * 20 records in the tests, verifiable by anyone with the published key, and what lets verify find
 * the newest records removed together with their chain rows, which the chain alone cannot.
 */
@QuarkusTest
@QuarkusTestResource(ConnectInfraResource.class)
class CheckpointTest {

    @Inject
    Pool pool;

    @Inject
    AuditStore store;

    @Test
    void removingTheNewestRecordsWithTheirChainRowsIsFoundByTheCheckpoint() throws Exception {
        AuditCheckpointed checkpoint = chainUntilACheckpointCoversThem();
        verifyAll().body("valid", equalTo(true))
                .body("checkpoint.status", equalTo("matches"))
                .body("checkpoint.seq", greaterThanOrEqualTo((int) checkpoint.seq()))
                .body("checkpoint.key_id", equalTo(checkpoint.keyId()));

        long head = count("select max(seq) from audit_service.audit_chain");
        long from = checkpoint.seq() - 2;
        List<String> removedRecords = jsonRows("select to_jsonb(r)::text from audit_service.audit_record r "
                + "join audit_service.audit_chain c on c.record_id = r.id where c.seq >= " + from + " order by c.seq");
        List<String> removedLinks = jsonRows("select to_jsonb(c)::text from audit_service.audit_chain c where c.seq >= "
                + from + " order by c.seq");
        inOneTransaction("with gone as (delete from audit_service.audit_chain where seq >= " + from + " returning record_id) "
                + "delete from audit_service.audit_record where id in (select record_id from gone)");
        try {
            verifyAll().body("valid", equalTo(false))
                    .body("checkpoint.status", equalTo("records-missing"))
                    .body("first_broken.seq", equalTo((int) from))
                    .body("first_broken.reason", containsString("positions " + from + " to "))
                    .body("first_broken.reason", containsString("the newest records were removed"));
            given().get("/v1/audit/verify?from_seq=1&to_seq=" + (from - 1)).then().statusCode(200)
                    .body("valid", equalTo(true)).body("checkpoint", nullValue());
        } finally {
            restore(removedRecords, removedLinks);
        }
        assertThat(count("select max(seq) from audit_service.audit_chain")).isEqualTo(head);
        verifyAll().body("valid", equalTo(true)).body("checkpoint.status", equalTo("matches"));
    }

    @Test
    void aTailRewrittenWithFreshHashesPassesTheChainButNotTheCheckpoint() {
        AuditCheckpointed checkpoint = chainUntilACheckpointCoversThem();
        long head = count("select max(seq) from audit_service.audit_chain");
        List<AuditStore.ChainEntry> original = store.chainSlice(checkpoint.seq(), head, 10_000).await().atMost(Duration.ofSeconds(10));
        String editedEventId = original.get(0).record().eventId();
        inOneTransaction("update audit_service.audit_record set actor_id = 'mallory' where event_id = '" + editedEventId + "'");
        List<AuditStore.ChainEntry> edited = store.chainSlice(checkpoint.seq(), head, 10_000).await().atMost(Duration.ofSeconds(10));
        List<String> rewrite = new ArrayList<>();
        String previous = original.get(0).prevHash();
        for (AuditStore.ChainEntry entry : edited) {
            String hash = RecordHasher.hash(entry.record(), entry.seq(), previous);
            rewrite.add("update audit_service.audit_chain set prev_hash = '" + previous + "', hash = '" + hash + "' where seq = "
                    + entry.seq());
            previous = hash;
        }
        inOneTransaction(rewrite.toArray(String[]::new));
        try {
            given().get("/v1/audit/verify?from_seq=" + checkpoint.seq() + "&to_seq=" + head).then().statusCode(200)
                    .body("valid", equalTo(true));
            verifyAll().body("valid", equalTo(false))
                    .body("checkpoint.status", equalTo("mismatch"))
                    .body("first_broken.seq", equalTo((int) checkpoint.seq()))
                    .body("first_broken.reason", containsString("rewritten"));
        } finally {
            List<String> restore = new ArrayList<>();
            restore.add("update audit_service.audit_record set actor_id = '" + original.get(0).record().actorId()
                    + "' where event_id = '" + editedEventId + "'");
            for (AuditStore.ChainEntry entry : original) {
                restore.add("update audit_service.audit_chain set prev_hash = '" + entry.prevHash() + "', hash = '" + entry.hash()
                        + "' where seq = " + entry.seq());
            }
            inOneTransaction(restore.toArray(String[]::new));
        }
        verifyAll().body("valid", equalTo(true)).body("checkpoint.status", equalTo("matches"));
    }

    @Test
    void anyoneWithThePublishedKeyCanCheckACheckpointAndAForgedOneIsLeftOut() throws Exception {
        AuditCheckpointed checkpoint = chainUntilACheckpointCoversThem();
        String jwks = given().get("/v1/audit/checkpoints/keys").then().statusCode(200).extract().asString();
        PublicJsonWebKey key = (PublicJsonWebKey) new JsonWebKeySet(jwks).findJsonWebKey(checkpoint.keyId(), "EC", "sig",
                AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
        assertThat(key).as("the key named by the checkpoint is published").isNotNull();
        assertThat(key.getPrivateKey()).isNull();
        assertThat(verifies(checkpoint.signature(), checkpoint.signingInput(), key)).isTrue();
        assertThat(verifies(checkpoint.signature(), AuditCheckpointed.signingInput(checkpoint.seq() + 1, checkpoint.headHash(),
                checkpoint.checkpointedAt()), key)).as("the signature covers the position").isFalse();

        PublicJsonWebKey mallory = EcJwkGenerator.generateJwk(EllipticCurves.P256);
        mallory.setKeyId(checkpoint.keyId());
        JsonWebSignature forged = new JsonWebSignature();
        forged.setAlgorithmHeaderValue(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
        forged.setKeyIdHeaderValue(checkpoint.keyId());
        forged.setKey(mallory.getPrivateKey());
        long far = checkpoint.seq() + 1_000_000;
        forged.setPayload(AuditCheckpointed.signingInput(far, checkpoint.headHash(), checkpoint.checkpointedAt()));
        TestEvents.send(Topics.AUDIT_CHECKPOINTS, EventEnvelope.of(UUID.randomUUID().toString(), Topics.sourceOf("audit-service"),
                checkpoint.checkpointedAt(), Actor.system("mallory"), null, new AuditCheckpointed(far, checkpoint.headHash(),
                        checkpoint.checkpointedAt(), checkpoint.keyId(), forged.getDetachedContentCompactSerialization())));
        TopicProbe.send(Topics.AUDIT_CHECKPOINTS, AuditCheckpointed.KEY, "not a checkpoint", Map.of());
        verifyAll().body("valid", equalTo(true))
                .body("checkpoint.status", equalTo("matches"))
                .body("checkpoint.rejected", greaterThanOrEqualTo(2));
    }

    /** What a SIEM holding the published key would do with a checkpoint from the topic. */
    private static boolean verifies(String signature, String content, PublicJsonWebKey key) throws Exception {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setCompactSerialization(signature);
        jws.setPayload(content);
        jws.setKey(key.getPublicKey());
        return jws.verifySignature();
    }

    /** Chains 25 records, more than the 20 after which a checkpoint is due; returns the checkpoint that covers some of them. */
    private AuditCheckpointed chainUntilACheckpointCoversThem() {
        try (TopicProbe checkpoints = TopicProbe.onTopic(Topics.AUDIT_CHECKPOINTS)) {
            String serverId = id();
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 25; i++) {
                ids.add(publish(new ServerRenamed(serverId, "name-" + i, "name-" + (i + 1))).id());
            }
            awaitChained(pool, ids.toArray(String[]::new));
            long seqOfFirst = count("select c.seq from audit_service.audit_chain c join audit_service.audit_record r "
                    + "on r.id = c.record_id where r.event_id = '" + ids.get(0) + "'");
            ConsumerRecord<String, String> record = checkpoints.awaitRecords(r -> checkpointOf(r) != null && checkpointOf(r).seq() >= seqOfFirst, 1,
                    Duration.ofSeconds(20)).get(0);
            assertThat(record.key()).isEqualTo(AuditCheckpointed.KEY);
            return checkpointOf(record);
        }
    }

    /** The checkpoint a record holds, or null for anything else on the topic (the forged and the malformed ones). */
    private static AuditCheckpointed checkpointOf(ConsumerRecord<String, String> record) {
        try {
            EventPayload data = EventCodec.decode(record.value()).data();
            return data instanceof AuditCheckpointed checkpoint && checkpoint.seq() < 1_000_000 ? checkpoint : null;
        } catch (EventDecodingException e) {
            return null;
        }
    }

    private static ValidatableResponse verifyAll() {
        return given().get("/v1/audit/verify").then().statusCode(200);
    }

    private void restore(List<String> records, List<String> links) {
        List<String> statements = new ArrayList<>();
        for (String record : records) {
            statements.add("insert into audit_service.audit_record select * from jsonb_populate_record(null::audit_service.audit_record, '"
                    + record.replace("'", "''") + "'::jsonb)");
        }
        for (String link : links) {
            statements.add("insert into audit_service.audit_chain select * from jsonb_populate_record(null::audit_service.audit_chain, '"
                    + link.replace("'", "''") + "'::jsonb)");
        }
        inOneTransaction(statements.toArray(String[]::new));
    }

    private void inOneTransaction(String... statements) {
        pool.withTransaction(connection -> run(connection, statements, 0)).await().atMost(Duration.ofSeconds(20));
    }

    private static Uni<Void> run(SqlConnection connection, String[] statements, int index) {
        if (index == statements.length) {
            return Uni.createFrom().voidItem();
        }
        return connection.query(statements[index]).execute().chain(ignored -> run(connection, statements, index + 1));
    }

    private List<String> jsonRows(String sql) {
        List<String> rows = new ArrayList<>();
        pool.query(sql).execute().await().atMost(Duration.ofSeconds(10)).forEach(row -> rows.add(row.getString(0)));
        return rows;
    }

    private long count(String sql) {
        return pool.preparedQuery(sql).execute(Tuple.tuple()).await().atMost(Duration.ofSeconds(10)).iterator().next().getLong(0);
    }
}

package dev.connectplane.token.keys;

import dev.connectplane.foundation.config.FoundationConfig;
import dev.connectplane.foundation.ids.IdGenerator;
import dev.connectplane.foundation.outbox.OutboxWriter;
import dev.connectplane.foundation.persistence.PersistenceFailures;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.keys.EllipticCurves;
import org.jose4j.lang.JoseException;

/**
 * The ES256 signing keys. The first is created at start when there is none; each is stored
 * with its private key encrypted ({@link KeyEncryption}); they are rotated and retired on
 * request ({@link KeyChanges}, which writes their events). The one {@code ACTIVE} key signs, {@code PREVIOUS} keys still verify, {@code RETIRED}
 * keys do neither.
 *
 * <p>Callers read the current {@link KeyRing} snapshot. It is reloaded after every change made
 * here, and in the background when it is older than {@value #RELOAD_SECONDS} s, so a key that
 * another instance rotated or retired takes effect here within that time. Key rows are read
 * with the plain reactive client.
 */
@ApplicationScoped
public class SigningKeys {

    private static final Logger LOG = Logger.getLogger(SigningKeys.class);
    static final long RELOAD_SECONDS = 5;

    private final Pool pool;
    private final KeyEncryption encryption;
    private final String table;
    private final AtomicReference<Loaded> current = new AtomicReference<>();
    private final AtomicBoolean reloading = new AtomicBoolean();

    private record Loaded(KeyRing ring, long loadedAt) {
    }

    public SigningKeys(Pool pool, KeyEncryption encryption, FoundationConfig foundation) {
        this.pool = pool;
        this.encryption = encryption;
        this.table = foundation.dbSchema() + ".signing_key";
    }

    void onStart(@Observes StartupEvent event) {
        pool.withTransaction(connection -> connection.query("select 1 from " + table + " where state = 'ACTIVE'").execute()
                        .chain(rows -> rows.size() > 0 ? Uni.createFrom().voidItem() : insertActive(connection).replaceWithVoid()))
                // another instance created the first key at the same moment: use that one
                .onFailure(PersistenceFailures::isUniqueViolation).recoverWithNull()
                .chain(this::reload)
                .await().atMost(Duration.ofSeconds(30));
        LOG.infof("signing keys loaded: %s", cachedRing());
    }

    /** The current key ring; starts a background reload when it is getting old. */
    public KeyRing ring() {
        Loaded loaded = current.get();
        if (System.nanoTime() - loaded.loadedAt() > RELOAD_SECONDS * 1_000_000_000L && reloading.compareAndSet(false, true)) {
            reload().onTermination().invoke(() -> reloading.set(false)).subscribe().with(
                    ring -> { }, failure -> LOG.warnf("signing keys could not be reloaded: %s", failure.getMessage()));
        }
        return loaded.ring();
    }

    /** The key ring as last loaded. */
    public KeyRing cachedRing() {
        return current.get().ring();
    }

    public Uni<List<SigningKeyInfo>> list() {
        return pool.query("select kid, state, created_at, retired_at from " + table + " order by created_at, kid").execute()
                .map(rows -> {
                    List<SigningKeyInfo> all = new ArrayList<>();
                    rows.forEach(row -> all.add(info(row)));
                    return all;
                });
    }

    /** Reads the keys again. */
    public Uni<KeyRing> reload() {
        return pool.query("select kid, state, public_jwk, encrypted_private from " + table + " where state <> 'RETIRED'")
                .execute()
                .map(rows -> {
                    String activeKid = null;
                    PrivateKey activePrivate = null;
                    Map<String, PublicKey> verifying = new HashMap<>();
                    List<String> jwks = new ArrayList<>();
                    for (Row row : rows) {
                        String kid = row.getString("kid");
                        verifying.put(kid, publicKey(kid, row.getString("public_jwk")));
                        jwks.add(row.getString("public_jwk"));
                        if ("ACTIVE".equals(row.getString("state"))) {
                            activeKid = kid;
                            activePrivate = privateKey(kid, row.getBuffer("encrypted_private").getBytes());
                        }
                    }
                    KeyRing ring = new KeyRing(activeKid, activePrivate, verifying, jwks);
                    current.set(new Loaded(ring, System.nanoTime()));
                    return ring;
                });
    }

    private Uni<SigningKeyInfo> insertActive(SqlConnection connection) {
        NewKey key = newKey();
        return connection.preparedQuery("insert into " + table + " (kid, state, created_at, public_jwk, encrypted_private) "
                        + "values ($1, 'ACTIVE', $2, $3, $4) returning kid, state, created_at, retired_at")
                .execute(Tuple.of(key.kid(), OutboxWriter.now(), key.publicJwk(), Buffer.buffer(key.sealedPrivate())))
                .map(rows -> info(rows.iterator().next()));
    }

    /** A fresh ES256 key: its ID, public JWK and private key encrypted at rest ({@link KeyEncryption}). */
    public record NewKey(String kid, String publicJwk, byte[] sealedPrivate) {
    }

    /** Generates a new key, not yet stored. */
    NewKey newKey() {
        EllipticCurveJsonWebKey jwk;
        String kid = IdGenerator.newId();
        try {
            jwk = EcJwkGenerator.generateJwk(EllipticCurves.P256);
        } catch (JoseException e) {
            throw new IllegalStateException("could not generate an ES256 key", e);
        }
        jwk.setKeyId(kid);
        jwk.setUse("sig");
        jwk.setAlgorithm("ES256");
        byte[] sealed = encryption.encrypt(jwk.getEcPrivateKey().getEncoded(), kid);
        return new NewKey(kid, jwk.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY), sealed);
    }

    private static SigningKeyInfo info(Row row) {
        return new SigningKeyInfo(row.getString("kid"), row.getString("state").toLowerCase(Locale.ROOT),
                row.getOffsetDateTime("created_at"), row.getOffsetDateTime("retired_at"));
    }

    private static PublicKey publicKey(String kid, String json) {
        try {
            return PublicJsonWebKey.Factory.newPublicJwk(json).getPublicKey();
        } catch (JoseException e) {
            throw new IllegalStateException("signing key " + kid + " has an unreadable public JWK", e);
        }
    }

    private PrivateKey privateKey(String kid, byte[] sealed) {
        try {
            return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(encryption.decrypt(sealed, kid)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing key " + kid + " has an unreadable private key", e);
        }
    }
}

package dev.connectplane.token.keys;

import dev.connectplane.contracts.envelope.EventPayload;
import dev.connectplane.contracts.token.SigningKeyRetired;
import dev.connectplane.contracts.token.SigningKeyRotated;
import dev.connectplane.contracts.token.TokenRevocationReason;
import dev.connectplane.foundation.caller.CallContext;
import dev.connectplane.foundation.config.FoundationConfig;
import dev.connectplane.foundation.outbox.OutboxWriter;
import dev.connectplane.foundation.problem.ProblemException;
import dev.connectplane.token.introspection.IntrospectionCache;
import dev.connectplane.token.mapping.TokenEventMapper;
import dev.connectplane.token.repository.TokenRepository.RevokedToken;
import dev.connectplane.token.repository.TokenRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jboss.logging.Logger;

/**
 * Key changes are changes: rotating and retiring a signing key write their events in the same
 * transaction as the key rows (outbox), so they reach {@code connect.tokens.events} and the audit
 * history with the manager who made them. A retire also revokes every active token the key
 * signed ({@code signing_key_retired}), with a TokenRevoked and a {@code token_revoked} access
 * change each, and the SigningKeyRetired event counts them. The key ring and the introspection
 * cache follow the commit.
 */
@ApplicationScoped
public class KeyChanges {

    private static final Logger LOG = Logger.getLogger(KeyChanges.class);

    private final SigningKeys keys;
    private final TokenRepository tokens;
    private final OutboxWriter outbox;
    private final IntrospectionCache cache;
    private final String table;

    /** A retired key and the tokens that stopped working with it. */
    private record Retirement(SigningKeyInfo key, List<RevokedToken> revoked) {
    }

    public KeyChanges(SigningKeys keys, TokenRepository tokens, OutboxWriter outbox, IntrospectionCache cache,
                      FoundationConfig foundation) {
        this.keys = keys;
        this.tokens = tokens;
        this.outbox = outbox;
        this.cache = cache;
        this.table = foundation.dbSchema() + ".signing_key";
    }

    /** Makes a new key the active one; the active key becomes previous and still verifies. */
    public Uni<SigningKeyInfo> rotate(CallContext context) {
        return Panache.withTransaction(() -> lockActive()
                        .chain(previous -> demote()
                                .chain(() -> insertActive(keys.newKey()))
                                .call(created -> outbox.append(new SigningKeyRotated(created.kid(), previous,
                                        OutboxWriter.now()), context))))
                .call(keys::reload)
                .invoke(created -> LOG.infof("signing key %s is now active", created.kid()));
    }

    /** Retires a previous key: the tokens it signed are revoked. The active key cannot be retired. */
    public Uni<SigningKeyInfo> retire(String kid, CallContext context) {
        return Panache.withTransaction(() -> lockKey(kid)
                        .chain(key -> "retired".equals(key.state())
                                ? Uni.createFrom().item(new Retirement(key, List.of()))
                                : retireAndRevoke(key, context)))
                .call(keys::reload)
                .invoke(retirement -> cache.invalidateTokens(retirement.revoked().stream().map(RevokedToken::tokenId).toList()))
                .invoke(retirement -> LOG.infof("signing key %s is retired; %d tokens it signed are revoked",
                        retirement.key().kid(), retirement.revoked().size()))
                .map(Retirement::key);
    }

    private Uni<Retirement> retireAndRevoke(SigningKeyInfo key, CallContext context) {
        if ("active".equals(key.state())) {
            throw ProblemException.conflict("active-key", "Active key cannot be retired",
                    "signing key " + key.kid() + " signs new tokens: rotate first, then retire it");
        }
        OffsetDateTime now = OutboxWriter.now();
        return markRetired(key.kid(), now)
                .chain(retired -> tokens.revokeAllSignedBy(key.kid(), now)
                        .call(revoked -> outbox.appendAll(events(retired, revoked), context))
                        .map(revoked -> new Retirement(retired, revoked)));
    }

    private static List<EventPayload> events(SigningKeyInfo retired, List<RevokedToken> revoked) {
        OffsetDateTime at = retired.retiredAt();
        List<EventPayload> events = new ArrayList<>(revoked.size() * 2 + 1);
        for (RevokedToken token : revoked) {
            events.add(TokenEventMapper.revoked(token.tokenId(), token.serverId(), TokenRevocationReason.SIGNING_KEY_RETIRED, at));
            events.add(TokenEventMapper.revokedChange(token.tokenId(), token.serverId(),
                    TokenRevocationReason.SIGNING_KEY_RETIRED, at));
        }
        events.add(new SigningKeyRetired(retired.kid(), revoked.size(), at));
        return events;
    }

    /** The active key's ID, locked, or null when there is none yet. */
    private Uni<String> lockActive() {
        return Panache.getSession().chain(session -> session.createNativeQuery("select kid from " + table
                        + " where state = 'ACTIVE' for update", String.class)
                .getResultList())
                .map(kids -> kids.isEmpty() ? null : kids.get(0));
    }

    private Uni<Integer> demote() {
        return Panache.getSession().chain(session -> session.createNativeQuery("update " + table
                        + " set state = 'PREVIOUS' where state = 'ACTIVE'")
                .executeUpdate());
    }

    private Uni<SigningKeyInfo> insertActive(SigningKeys.NewKey key) {
        return Panache.getSession().chain(session -> session.createNativeQuery("insert into " + table
                                + " (kid, state, created_at, public_jwk, encrypted_private) values (?1, 'ACTIVE', ?2, ?3, ?4) "
                                + "returning kid, state, created_at, retired_at", Object[].class)
                        .setParameter(1, key.kid())
                        .setParameter(2, OutboxWriter.now())
                        .setParameter(3, key.publicJwk())
                        .setParameter(4, key.sealedPrivate())
                        .getSingleResult())
                .map(KeyChanges::info);
    }

    /** The key, locked until the transaction ends, or a 404 problem. */
    private Uni<SigningKeyInfo> lockKey(String kid) {
        return Panache.getSession().chain(session -> session.createNativeQuery("select kid, state, created_at, retired_at from "
                                + table + " where kid = ?1 for update", Object[].class)
                        .setParameter(1, kid)
                        .getResultList())
                .map(rows -> {
                    if (rows.isEmpty()) {
                        throw ProblemException.notFound("signing key", kid);
                    }
                    return info(rows.get(0));
                });
    }

    private Uni<SigningKeyInfo> markRetired(String kid, OffsetDateTime at) {
        return Panache.getSession().chain(session -> session.createNativeQuery("update " + table
                                + " set state = 'RETIRED', retired_at = ?2 where kid = ?1 "
                                + "returning kid, state, created_at, retired_at", Object[].class)
                        .setParameter(1, kid)
                        .setParameter(2, at)
                        .getSingleResult())
                .map(KeyChanges::info);
    }

    private static SigningKeyInfo info(Object[] row) {
        return new SigningKeyInfo((String) row[0], ((String) row[1]).toLowerCase(Locale.ROOT),
                toOffset(row[2]), toOffset(row[3]));
    }

    private static OffsetDateTime toOffset(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof OffsetDateTime offset) {
            return offset;
        }
        if (value instanceof Instant instant) {
            return instant.atOffset(ZoneOffset.UTC);
        }
        throw new IllegalStateException("unexpected time value " + value.getClass());
    }
}

package dev.connectplane.token.introspection;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.connectplane.contracts.common.Permission;
import dev.connectplane.foundation.config.FoundationConfig;
import dev.connectplane.token.config.TokenConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Token and server state for introspection, held in memory so that a lookup is a hash-map get
 * (or one primary-key query on a miss) and never a scan. Entries are dropped or replaced right
 * after the transactions that change them commit on this instance, and on every instance from
 * the {@code connect.access-changes} events ({@code AccessChangesListener}).
 *
 * <p>Staleness is bounded whatever happens to those events: an entry is kept at most
 * {@code connect.token.cache-max-staleness} (5 s) after it was read from the database, and
 * while the listener is not known to be caught up ({@link #trustEvents}) nothing is answered
 * from memory at all: every lookup reads the database.
 *
 * <p>A load that overlaps an invalidation is used for its request but not kept: every
 * invalidation bumps a generation counter before it removes entries, and a loaded entry is put
 * into the cache atomically with the check that the counter did not move while it was read
 * (inside the map's compute for that key, which an invalidation of the key waits for).
 */
@ApplicationScoped
public class IntrospectionCache {

    private final Pool pool;
    private final Cache<String, TokenFacts> tokens;
    private final Cache<String, ServerFacts> servers;
    private final AtomicLong generation = new AtomicLong();
    private volatile boolean eventsTrusted = true;
    private final String tokenQuery;
    private final String serverQuery;

    public IntrospectionCache(Pool pool, TokenConfig config, FoundationConfig foundation, MeterRegistry registry) {
        this.pool = pool;
        this.tokens = Caffeine.newBuilder().maximumSize(config.cacheSize())
                .expireAfterWrite(config.cacheMaxStaleness()).recordStats().build();
        this.servers = Caffeine.newBuilder().maximumSize(config.cacheSize())
                .expireAfterWrite(config.cacheMaxStaleness()).recordStats().build();
        // cache.gets{cache, result=hit|miss}, cache.size, cache.evictions: the hit ratio is hits / gets
        CaffeineCacheMetrics.monitor(registry, tokens, "introspection.tokens");
        CaffeineCacheMetrics.monitor(registry, servers, "introspection.servers");
        String schema = foundation.dbSchema();
        this.tokenQuery = "select t.server_id, t.state, t.expires_at, t.secret_hash, t.key_id, "
                + "coalesce((select json_agg(json_build_object('id', v.vault_id, 'r', v.can_read, 'w', v.can_write) "
                + "order by v.vault_id) from " + schema + ".token_vault v where v.token_id = t.id and v.trimmed_at is null), "
                + "'[]'::json) as vaults from " + schema + ".token t where t.id = $1";
        this.serverQuery = "select state, credential_verifier from " + schema + ".known_server where id = $1";
    }

    /** The token's facts, or a null item when there is no such token. */
    public Uni<TokenFacts> token(String tokenId) {
        return cachedOrLoaded(tokens, tokenId, tokenQuery, row -> tokenFacts(tokenId, row));
    }

    /** Records that the token's signature was checked, unless the entry changed meanwhile. */
    public void markVerified(TokenFacts facts) {
        tokens.asMap().replace(facts.tokenId(), facts, facts.verified());
    }

    /** The server's facts, or a null item when this service has not heard of it. */
    public Uni<ServerFacts> server(String serverId) {
        return cachedOrLoaded(servers, serverId, serverQuery, row -> new ServerFacts(serverId,
                "ACTIVE".equals(row.getString("state")), row.getString("credential_verifier")));
    }

    /**
     * The cached entry, or the one row the query finds for the key (a null item for none), kept
     * only if no invalidation happened while it was read.
     */
    private <T> Uni<T> cachedOrLoaded(Cache<String, T> cache, String key, String query, Function<Row, T> toFacts) {
        T cached = eventsTrusted ? cache.getIfPresent(key) : null;
        if (cached != null) {
            return Uni.createFrom().item(cached);
        }
        long before = generation.get();
        return pool.preparedQuery(query).execute(Tuple.of(key)).map(rows -> {
            if (rows.size() == 0) {
                return null;
            }
            T facts = toFacts.apply(rows.iterator().next());
            keepUnlessInvalidated(cache, key, facts, before);
            return facts;
        });
    }

    /** Caches what was loaded only if no invalidation started since {@code before}; atomic per key. */
    private <T> void keepUnlessInvalidated(Cache<String, T> cache, String key, T facts, long before) {
        if (!eventsTrusted) {
            return;
        }
        cache.asMap().compute(key, (k, existing) -> existing == null && generation.get() == before ? facts : existing);
    }

    /**
     * Whether the access-change listener is caught up, so that entries can be trusted to be
     * dropped when another instance changes them. While it is not, the cache is emptied and
     * bypassed: every lookup reads the database.
     */
    public void trustEvents(boolean trusted) {
        if (!trusted && eventsTrusted) {
            generation.incrementAndGet();
            tokens.invalidateAll();
            servers.invalidateAll();
        }
        eventsTrusted = trusted;
    }

    public boolean eventsTrusted() {
        return eventsTrusted;
    }

    public void invalidateToken(String tokenId) {
        generation.incrementAndGet();
        tokens.invalidate(tokenId);
    }

    public void invalidateTokens(Iterable<String> tokenIds) {
        generation.incrementAndGet();
        tokens.invalidateAll(tokenIds);
    }

    public void invalidateServer(String serverId) {
        generation.incrementAndGet();
        servers.invalidate(serverId);
    }

    private static TokenFacts tokenFacts(String tokenId, Row row) {
        OffsetDateTime expiresAt = row.getOffsetDateTime("expires_at");
        Object json = row.getValue("vaults");
        JsonArray array = json instanceof JsonArray a ? a : new JsonArray(String.valueOf(json));
        List<IntrospectionResult.VaultGrant> vaults = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            JsonObject vault = array.getJsonObject(i);
            vaults.add(new IntrospectionResult.VaultGrant(vault.getString("id"), Permission.acl(vault.getBoolean("r"), vault.getBoolean("w"))));
        }
        return new TokenFacts(tokenId, row.getString("server_id"), !"ACTIVE".equals(row.getString("state")),
                expiresAt == null ? null : expiresAt.toInstant(), HexFormat.of().parseHex(row.getString("secret_hash")),
                row.getString("key_id"), vaults, false);
    }
}

package dev.connectplane.token.service;

import dev.connectplane.token.introspection.IntrospectionCache;
import java.util.ArrayList;
import java.util.List;

/**
 * What one consumed event changed for introspection, collected during its transaction and
 * applied to the cache once the transaction has committed.
 */
public final class CacheInvalidation {

    private final List<String> tokenIds = new ArrayList<>();
    private final List<String> serverIds = new ArrayList<>();

    public void tokens(List<String> ids) {
        tokenIds.addAll(ids);
    }

    public void server(String serverId) {
        serverIds.add(serverId);
    }

    public void applyTo(IntrospectionCache cache) {
        serverIds.forEach(cache::invalidateServer);
        if (!tokenIds.isEmpty()) {
            cache.invalidateTokens(tokenIds);
        }
    }
}

package dev.connectplane.server.rest;

import java.time.OffsetDateTime;
import java.util.List;

/** A server as the API and {@code connectctl --format json} show it (snake_case on the wire). */
public record ServerView(String id, String name, String state, OffsetDateTime createdAt, String creatorId,
                         int tokensVersion, List<VaultView> vaults) {

    /** A vault the server has. */
    public record VaultView(String id, String name) {
    }
}

package dev.connectplane.server.rest;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The reply to a {@code server.create} command that gave {@code reply_key}: the server, and its
 * credentials document (the JSON a Connect server reads) only as a compact JWE encrypted to that key.
 */
public record EncryptedServerView(ServerView server, @JsonProperty("credentials_jwe") String credentialsJwe) {
}

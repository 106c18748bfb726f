package dev.connectplane.token.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * The reply to a {@code token.create} command that gave {@code reply_key}: the token as listed,
 * and the token itself only as a compact JWE encrypted to that key.
 */
public record EncryptedTokenView(@JsonUnwrapped TokenView view, @JsonProperty("token_jwe") String tokenJwe) {
}

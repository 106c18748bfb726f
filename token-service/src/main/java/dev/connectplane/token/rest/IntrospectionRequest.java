package dev.connectplane.token.rest;

/**
 * Body of an introspection request sent as JSON.
 *
 * @param vault      optionally, a vault ID to check the token against
 * @param permission with {@code vault}: {@code read} or {@code write}; without it, any access
 */
public record IntrospectionRequest(String token, String vault, String permission) {
}

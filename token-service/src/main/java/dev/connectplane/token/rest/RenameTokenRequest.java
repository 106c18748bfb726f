package dev.connectplane.token.rest;

/** Body of {@code PATCH /v1/servers/{server}/tokens/{token}}. */
public record RenameTokenRequest(String name) {
}

package dev.connectplane.server.rest;

/** Body of {@code PATCH /v1/servers/{server}}: the new name. */
public record RenameServerRequest(String name) {
}

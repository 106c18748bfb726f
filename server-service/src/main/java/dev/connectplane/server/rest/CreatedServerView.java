package dev.connectplane.server.rest;

/** The answer to a create: the server and its credentials document, shown this once. */
public record CreatedServerView(ServerView server, CredentialsDocument credentials) {
}

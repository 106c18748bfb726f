package dev.connectplane.server.repository;

/** The life of a server: active until deleted; deleted servers are kept so their IDs are never reused. */
public enum ServerState {
    ACTIVE, DELETED
}

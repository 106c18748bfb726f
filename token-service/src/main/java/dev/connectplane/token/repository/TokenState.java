package dev.connectplane.token.repository;

/** Whether a token may still be used at all. Expiry is not a state: it is read from the expiry time. */
public enum TokenState {
    ACTIVE,
    REVOKED
}

package dev.connectplane.token.introspection;

/**
 * What introspection needs to know of one server: whether it is active and the hash its
 * credentials are checked against.
 */
public record ServerFacts(String serverId, boolean active, String credentialVerifier) {

    @Override
    public String toString() {
        return "ServerFacts[" + serverId + ", active=" + active + "]";
    }
}

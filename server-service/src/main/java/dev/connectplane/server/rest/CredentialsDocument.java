package dev.connectplane.server.rest;

import java.time.OffsetDateTime;

/**
 * The credentials document of a new server, which {@code connectctl server create} writes to
 * {@code 1password-credentials.json}. It is returned once: the secret is stored only as a hash.
 *
 * @param version    format version of this document
 * @param serverId   the server it identifies
 * @param secret     the server's credential secret
 * @param apiAddress where the server reaches the control plane
 * @param issuedAt   when it was issued
 */
public record CredentialsDocument(String version, String serverId, String secret, String apiAddress,
                                  OffsetDateTime issuedAt) {

    public static final String VERSION = "1";

    /** Keeps the secret out of logs and debuggers' string views. */
    @Override
    public String toString() {
        return "CredentialsDocument[serverId=" + serverId + ", secret=***]";
    }
}

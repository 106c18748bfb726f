package dev.connectplane.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;

/**
 * What {@code connectctl login} keeps between commands: the provider and client, the access
 * token and when it expires, and how to get the next one: the refresh token of a person's
 * device login, or, for automation's client credentials, the path of the secret's file (never
 * the secret itself).
 *
 * @param expiresAt        when the access token expires (epoch seconds)
 * @param refreshExpiresAt when the refresh token expires (epoch seconds), 0 if the provider did not say
 * @param clientSecretFile the file the client secret was read from, or null (then the secret comes from the environment)
 */
record LoginSession(String issuer, String clientId, String tokenEndpoint, Grant grant, String accessToken, long expiresAt,
                    String refreshToken, long refreshExpiresAt, String clientSecretFile) {

    /** How the session was opened, and so how its next access token is obtained. */
    enum Grant { DEVICE_CODE, CLIENT_CREDENTIALS }

    /** A person's session, from the token endpoint's answer to the device code at {@code now}. */
    static LoginSession deviceCode(OidcProvider provider, String clientId, JsonNode answer, Instant now) {
        return new LoginSession(provider.issuer(), clientId, provider.tokenEndpoint(), Grant.DEVICE_CODE, null, 0, null, 0,
                null).renewed(answer, now);
    }

    /**
     * Automation's session, from the answer to its client credentials at {@code now}; renewed with
     * the secret in {@code clientSecretFile}, or (null) the one in the environment.
     */
    static LoginSession clientCredentials(OidcProvider provider, String clientId, JsonNode answer, Instant now,
                                          String clientSecretFile) {
        return new LoginSession(provider.issuer(), clientId, provider.tokenEndpoint(), Grant.CLIENT_CREDENTIALS, null, 0,
                null, 0, clientSecretFile).renewed(answer, now);
    }

    /** This session with the tokens of a new answer (a refresh may or may not bring a new refresh token). */
    LoginSession renewed(JsonNode answer, Instant now) {
        long expires = now.getEpochSecond() + answer.path("expires_in").asLong(300);
        String refresh = answer.hasNonNull("refresh_token") ? answer.get("refresh_token").asText() : refreshToken;
        long refreshExpires = answer.path("refresh_expires_in").asLong(0) > 0
                ? now.getEpochSecond() + answer.get("refresh_expires_in").asLong()
                : answer.hasNonNull("refresh_token") ? 0 : refreshExpiresAt;
        return new LoginSession(issuer, clientId, tokenEndpoint, grant, answer.get("access_token").asText(), expires,
                refresh, refreshExpires, clientSecretFile);
    }

    /** Whether the access token is still good {@code margin} from {@code now}. */
    boolean validFor(Duration margin, Instant now) {
        return now.plus(margin).getEpochSecond() < expiresAt;
    }

    boolean refreshable(Instant now) {
        return refreshToken != null && (refreshExpiresAt == 0 || now.getEpochSecond() < refreshExpiresAt);
    }

    /** The session without its tokens' values, for printing. */
    @Override
    public String toString() {
        return "LoginSession[issuer=" + issuer + ", clientId=" + clientId + ", grant=" + grant + ", expiresAt=" + expiresAt + "]";
    }
}

package dev.connectplane.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The OAuth 2.0 device authorization grant (RFC 8628) for a person: asks the provider for a
 * device code, prints the URL to open and the code to enter, then polls the token endpoint at the
 * interval the provider gave until the person approved (the tokens), refused
 * ({@code access_denied}) or let the code expire ({@code expired_token}); {@code slow_down} adds
 * five seconds to the interval, as §3.5 asks.
 */
final class DeviceLogin {

    static final String GRANT_TYPE = "urn:ietf:params:oauth:grant-type:device_code";
    private static final Duration SLOW_DOWN = Duration.ofSeconds(5);

    /** How polling waits between two token requests (tests replace it). */
    interface Pause {
        void sleep(Duration duration) throws InterruptedException;
    }

    static Pause pause = duration -> Thread.sleep(duration.toMillis());

    private DeviceLogin() {
    }

    /** The token endpoint's answer once the person approved the sign-in. */
    static JsonNode run(OidcProvider provider, String clientId, String scope, PrintStream out) {
        JsonNode device = provider.authorizeDevice(clientId, scope);
        printInstructions(device, out);
        Duration interval = Duration.ofSeconds(Math.max(1, device.path("interval").asLong(5)));
        Instant deadline = LoginSessions.clock.instant().plusSeconds(device.path("expires_in").asLong(600));
        Map<String, String> poll = Map.of("grant_type", GRANT_TYPE, "device_code", device.get("device_code").asText(),
                "client_id", clientId);
        while (LoginSessions.clock.instant().isBefore(deadline)) {
            sleep(interval);
            OidcProvider.TokenAnswer answer = OidcProvider.token(provider.tokenEndpoint(), poll);
            if (answer.ok()) {
                return answer.body();
            }
            switch (answer.error()) {
                case "authorization_pending" -> { }
                case "slow_down" -> interval = interval.plus(SLOW_DOWN);
                case "access_denied" -> throw new CliException("the sign-in was refused at " + provider.issuer());
                case "expired_token" -> throw expired();
                default -> throw new CliException("the provider ended the sign-in: " + answer.describe());
            }
        }
        throw expired();
    }

    private static void printInstructions(JsonNode device, PrintStream out) {
        String uri = device.path("verification_uri").asText(device.path("verification_url").asText());
        out.println("To sign in, open " + uri + " and enter the code " + device.path("user_code").asText());
        if (device.hasNonNull("verification_uri_complete")) {
            out.println("  (or open " + device.get("verification_uri_complete").asText() + ")");
        }
        out.println("Waiting for the sign-in to be approved...");
        out.flush();
    }

    private static void sleep(Duration interval) {
        try {
            pause.sleep(interval);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted before the sign-in was approved");
        }
    }

    private static CliException expired() {
        return new CliException("the code expired before the sign-in was approved: run connectctl login again");
    }
}

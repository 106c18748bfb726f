package dev.connectplane.token.config;

import io.smallrye.config.ConfigMapping;
import java.time.Duration;

/** token-service settings ({@code connect.token.*}). */
@ConfigMapping(prefix = "connect.token")
public interface TokenConfig {

    /** The {@code iss} claim of every token. */
    String issuer();

    /** Base64 of the 32-byte AES key that encrypts the signing keys at rest. Never logged. */
    String keyEncryptionKey();

    /**
     * How long a token create naming a server or vault not yet in this service's projections
     * waits for the events that bring them (read-your-writes after a server create or a grant).
     */
    Duration projectionWait();

    /** Longest token introspection accepts; longer input is inactive without being parsed. */
    int maxTokenChars();

    /** How many tokens' state introspection keeps in memory. */
    long cacheSize();
}

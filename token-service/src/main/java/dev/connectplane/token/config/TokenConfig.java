package dev.connectplane.token.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
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

    /**
     * How long after a server's creation a vault it was created with still counts as on its way
     * when its grant has not arrived: a token create naming it is answered 503 (try again)
     * instead of 422 until then.
     */
    @WithDefault("PT10M")
    Duration requestedVaultHorizon();

    /** Longest token introspection accepts; longer input is inactive without being parsed. */
    int maxTokenChars();

    /** How many tokens' state introspection keeps in memory. */
    long cacheSize();

    /**
     * The longest an introspection answer may come from memory after it was read from the
     * database; also how far the access-change listener may fall behind before the cache is
     * bypassed. The bound on a revocation made on another instance being seen here.
     */
    @WithDefault("PT5S")
    Duration cacheMaxStaleness();
}

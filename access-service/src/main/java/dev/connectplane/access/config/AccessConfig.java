package dev.connectplane.access.config;

import io.smallrye.config.ConfigMapping;
import java.time.Duration;

/** access-service settings ({@code connect.access.*}). */
@ConfigMapping(prefix = "connect.access")
public interface AccessConfig {

    /** The directory loaded at start: {@code classpath:NAME} or a file path. */
    String seedFile();

    /** The group that is always a Secrets Automation manager (created if the directory lacks it). */
    String bootstrapManagersGroup();

    /**
     * How long a grant naming a server ID that this service has not heard of waits for the
     * server's ServerCreated event before it is answered 404.
     */
    Duration unknownServerWait();
}

package dev.connectplane.server.config;

import io.smallrye.config.ConfigMapping;

/** server-service settings ({@code connect.server.*}). */
@ConfigMapping(prefix = "connect.server")
public interface ServerServiceConfig {

    /** The control plane's address as Connect servers reach it; written into credentials documents. */
    String apiAddress();
}

package dev.connectplane.audit.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** audit-service settings ({@code connect.audit.*}). */
@ConfigMapping(prefix = "connect.audit")
public interface AuditConfig {

    /** Records the chainer hashes per round. */
    int chainBatchSize();

    /** Rows read per query while exporting or verifying. */
    int pageSize();

    /** The product version in OCSF metadata and CEF headers. */
    String productVersion();

    /** The OCSF release of exports and of {@code connect.audit.siem}: 1.1.0 (the default) or 1.8.0. */
    @WithDefault("1.1.0")
    String ocsfVersion();

    /** The ECS release of exports: 8.17.0 (the default) or 9.4.0. */
    @WithDefault("8.17.0")
    String ecsVersion();
}

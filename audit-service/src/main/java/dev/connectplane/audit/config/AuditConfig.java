package dev.connectplane.audit.config;

import io.smallrye.config.ConfigMapping;

/** audit-service settings ({@code connect.audit.*}). */
@ConfigMapping(prefix = "connect.audit")
public interface AuditConfig {

    /** Records the chainer hashes per round. */
    int chainBatchSize();

    /** Rows read per query while exporting or verifying. */
    int pageSize();

    /** The product version in OCSF metadata and CEF headers. */
    String productVersion();
}

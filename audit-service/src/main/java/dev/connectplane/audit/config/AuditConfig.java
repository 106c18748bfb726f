package dev.connectplane.audit.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

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

    /** Signed checkpoints of the chain's head on {@code connect.audit.checkpoints}. */
    Checkpoints checkpoints();

    /** {@code connect.audit.checkpoints.*}. */
    interface Checkpoints {

        /**
         * The file of the ES256 signing key, a private JWK, kept apart from the database
         * ({@code CONNECT_AUDIT_CHECKPOINTS_KEY_LOCATION}); made there, mode 600, when it does not
         * exist. Unset: no checkpoints, and verify says so.
         */
        Optional<String> keyLocation();

        /** A checkpoint at least this often, while there are records. */
        @WithDefault("PT1M")
        Duration interval();

        /** And one as soon as this many records were chained since the last. */
        @WithDefault("1000")
        int everyRecords();

        /** How many of the newest checkpoints verify reads back from the topic, per partition. */
        @WithDefault("100")
        int readBack();

        /** How long verify waits for the topic. */
        @WithDefault("PT10S")
        Duration readTimeout();
    }
}

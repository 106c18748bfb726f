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

    /**
     * How often the whole chain is verified in the background ({@code service/ChainWatch}), for
     * {@code connect.audit.chain.valid} and the alert on it; 0 turns it off.
     */
    @WithDefault("PT1M")
    Duration verificationInterval();

    /** Signed checkpoints of the chain's head on {@code connect.audit.checkpoints}. */
    Checkpoints checkpoints();

    /** Delivery of the records into OpenSearch with its bulk API. */
    Delivery delivery();

    /** {@code connect.audit.delivery.*}. */
    interface Delivery {

        /** The OpenSearch (or Elasticsearch) base URL, e.g. {@code https://siem.example:9200}; unset: no delivery. */
        Optional<String> url();

        /** {@code ocsf} (default) or {@code ecs}. */
        @WithDefault("ocsf")
        String format();

        /** The index, {@code connect-audit-<format>} when unset; its template is installed at start. */
        Optional<String> index();

        /** Records per bulk request. */
        @WithDefault("500")
        int batchSize();

        /** Basic authentication: the user. */
        Optional<String> username();

        /** Basic authentication: a file holding the password (never the password itself in configuration). */
        Optional<String> passwordFile();

        /** The longest wait between attempts while the store is down. */
        @WithDefault("PT30S")
        Duration maxBackoff();

        /** How often to look for new records when there were none. */
        @WithDefault("PT0.5S")
        Duration idlePoll();
    }

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

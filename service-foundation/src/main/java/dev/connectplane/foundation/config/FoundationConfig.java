package dev.connectplane.foundation.config;

import dev.connectplane.foundation.auth.GroupNames;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** What every service configures for the shared pieces ({@code connect.*}). */
@ConfigMapping(prefix = "connect")
public interface FoundationConfig {

    /** The service's name, e.g. {@code server-service}: the events' source and the dead-letter topic's suffix. */
    String serviceName();

    /** The PostgreSQL schema the service owns, where its outbox and inbox tables live. */
    String dbSchema();

    Outbox outbox();

    Http http();

    Auth auth();

    Consumer consumer();

    Kafka kafka();

    Retention retention();

    /** The topics' shape, as the stack and compose create them. */
    interface Kafka {

        /**
         * Partitions of every topic. Consumers of one channel, over all instances, beyond this
         * count stay idle; per-instance channels assign themselves this many ({@code consumers/PerInstanceChannels}).
         */
        @WithDefault("3")
        int partitions();

        /** Channels every instance reads whole for itself, by assignment, with no consumer group. */
        Optional<List<String>> perInstanceChannels();

        /**
         * The service's Kafka principal ({@code CONNECT_KAFKA_USERNAME}): when set, every client
         * signs in with SASL/SCRAM-SHA-512 ({@code kafka/KafkaSignIn}); unset, the broker is open.
         */
        Optional<String> username();

        /** The principal's password ({@code CONNECT_KAFKA_PASSWORD}); {@link #passwordFile()} is preferred. */
        Optional<String> password();

        /** A file holding the principal's password ({@code CONNECT_KAFKA_PASSWORD_FILE}). */
        Optional<String> passwordFile();

        /** {@code SASL_PLAINTEXT} (default) or {@code SASL_SSL} ({@code CONNECT_KAFKA_SECURITY_PROTOCOL}). */
        Optional<String> securityProtocol();
    }

    /** How consumers treat failures that can succeed later ({@code faults/RetryingDelivery}). */
    interface Consumer {

        /** The longest pause between two attempts at a record that failed transiently. */
        @WithDefault("PT5S")
        Duration maxBackoff();

        /** How long a record may keep failing before readiness says the consumer is stuck. */
        @WithDefault("PT2S")
        Duration stuckAfter();

        /**
         * How long after the broker was last unreachable a projection wait still answers "late"
         * (503) rather than "missing" (404): the time the other services' relays take to publish
         * what was committed meanwhile.
         */
        @WithDefault("PT15S")
        Duration brokerRecoveryGrace();

        /**
         * How long after this service started a projection wait still answers "late" (503) rather
         * than "missing" (404): while it was down it read nothing, and while it boots (15–30 s of
         * both cores here) the other services' relays publish late, so a server acknowledged just
         * before may not be on its topic yet. {@code PT0S} turns it off.
         */
        @WithDefault("PT15S")
        Duration startGrace();

        /**
         * How far apart the services' clocks may be. An object a projection misses counts as
         * missing only once its owner's outbox watermark ({@code consumers/OutboxWatermarks}) has
         * passed the moment the request came in by at least this much: the watermark is read on
         * the owner's clock, the request's moment on this one.
         */
        @WithDefault("PT0.1S")
        Duration clockSkew();

        /**
         * How many requests of one caller may wait for a projection at once ({@code wait/CallerWaits});
         * one more is answered 503 with {@code Retry-After} at once instead of waiting.
         */
        @WithDefault("16")
        int waitsPerCaller();

        /**
         * How often {@code consumers/ConsumerLag} measures each consumer group's lag (the records
         * its topics hold beyond the group's committed offsets) for {@code connect.consumer.lag}.
         */
        @WithDefault("PT15S")
        Duration lagInterval();

        /**
         * How many commands of one commands topic an instance applies at once
         * ({@code commands/CommandDispatch}): commands of one key (the server ID) still go one
         * after the other, in their order on the topic. Each holds a database connection while it
         * runs, so keep it below {@code quarkus.datasource.reactive.max-size}, which REST shares.
         */
        @WithDefault("16")
        int commandConcurrency();
    }

    /** Who the callers are: bearer JWTs from one issuer, and the group that manages everything. */
    interface Auth {

        /**
         * Where the issuer's public keys are: a PEM file, a JWKS file, or a JWKS URL
         * ({@code CONNECT_AUTH_PUBLIC_KEY_LOCATION}). Unset, they are the JWKS named by the
         * issuer's OpenID configuration ({@code <issuer>/.well-known/openid-configuration}). A key
         * file that cannot be read stops the service at start.
         */
        Optional<String> publicKeyLocation();

        /** The {@code iss} every bearer token must carry: for an OpenID provider, its issuer URL. */
        String issuer();

        /**
         * The {@code aud} a management JWT must carry ({@code CONNECT_AUTH_AUDIENCE}, default
         * {@code connect-control-plane}): a token the issuer minted for another API is refused.
         */
        String audience();

        /** The bootstrap managers group: its members may do everything, whatever the grants say. */
        String managersGroup();

        /** Which claims name the caller and their groups. */
        Claims claims();

        /** How the issuer's keys are kept fresh ({@code auth/IssuerKeys}). */
        Keys keys();

        /**
         * How long a verified bearer token is taken again without verifying its signature
         * ({@code auth/VerifiedBearers}): never past its expiry, never once the issuer's keys were
         * read again. {@code PT0S} verifies every request.
         */
        @WithDefault("PT1M")
        Duration verifiedTokenReuse();

        /** How many verified bearer tokens are kept (by their SHA-256) for {@link #verifiedTokenReuse}. */
        @WithDefault("10000")
        int verifiedTokensKept();
    }

    /** Which claims of a verified token name the caller and their groups ({@code auth/CallerClaims}). */
    interface Claims {

        /**
         * The claim holding the caller's groups, or a dotted path into nested claims
         * ({@code CONNECT_AUTH_GROUPS_CLAIM}: {@code groups}, {@code realm_access.roles}, {@code roles}).
         */
        @WithDefault("groups")
        String groups();

        /**
         * How a value of that claim becomes a group name ({@code CONNECT_AUTH_GROUP_NAMES}):
         * {@code as-is}, or {@code last-segment} for full paths such as Keycloak's {@code /Platform/DevOps}.
         */
        @WithDefault("as-is")
        GroupNames groupNames();

        /**
         * The claim naming the caller ({@code CONNECT_AUTH_NAME_CLAIM}); unset, the first of
         * {@code upn}, {@code preferred_username} and {@code sub}.
         */
        Optional<String> name();
    }

    /** How often the issuer's keys are read again from an endpoint. */
    interface Keys {

        /** Keys older than this are read again in the background while they go on serving. */
        @WithDefault("PT10M")
        Duration refreshInterval();

        /**
         * A token signed with an unknown {@code kid} makes the keys be read again, at most once per
         * this interval: the provider's key rotation needs no restart, forged key IDs cannot flood it.
         */
        @WithDefault("PT10S")
        Duration minRefreshInterval();

        /** How long connecting to and reading the provider may take. */
        @WithDefault("PT5S")
        Duration fetchTimeout();
    }

    /** How long the idempotence records are kept ({@code retention/ProcessedRowsRetention}). */
    interface Retention {

        /**
         * Age after which a processed-event row ({@code inbox_processed_event}) or a command-log
         * row ({@code command_log}) is deleted. Must be longer than the retention of every topic
         * the service consumes (Kafka's default, 7 days, as the stack runs it): a redelivery can
         * only come from what a topic still holds, so a row older than the topic's retention can
         * never be needed to skip a duplicate. 14 days by default.
         */
        @WithDefault("P14D")
        Duration processedRows();

        /** How often the deletion runs. */
        @WithDefault("PT1H")
        Duration interval();

        /** Rows deleted per statement, so that no statement holds locks for long. */
        @WithDefault("5000")
        int batchSize();
    }

    /** HTTP limits. */
    interface Http {

        /** Largest request body, by its declared length, before a 413 problem answer. */
        @WithDefault("65536")
        long maxBodyBytes();
    }

    /** The outbox relay. */
    interface Outbox {

        /** Whether this instance runs a relay; several instances may, only one publishes at a time. */
        @WithDefault("true")
        boolean relayEnabled();

        /** How often the relay looks for rows when no notification woke it (the fallback). */
        @WithDefault("PT0.5S")
        Duration pollInterval();

        /** Rows read and published per round. */
        @WithDefault("500")
        int batchSize();

        /** How long published rows are kept before they are deleted. */
        @WithDefault("PT1H")
        Duration retention();

        /**
         * Largest record the relay sends, key, value and headers together; a larger row is parked
         * rather than sent (the producer's {@code max.request.size} is 1 MiB).
         */
        @WithDefault("1000000")
        long maxRecordBytes();

        /**
         * How long PostgreSQL waits for a relay's host that stopped answering (keepalives
         * unanswered, data unacknowledged) before it ends the session and frees the relay lock
         * for another instance.
         */
        @WithDefault("PT8S")
        Duration leaderDeadAfter();

        /** Longest wait for the broker to acknowledge a round before it is retried. */
        @WithDefault("PT30S")
        Duration sendTimeout();

        /**
         * How often the relay publishes its watermark on {@code connect.outbox.watermarks}: with a
         * round that read every unpublished row, or alone while nothing is waiting. How long another
         * service may take to decide that an object it misses is not on its way.
         */
        @WithDefault("PT1S")
        Duration watermarkInterval();
    }
}

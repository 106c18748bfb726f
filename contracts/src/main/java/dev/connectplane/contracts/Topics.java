package dev.connectplane.contracts;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The Kafka topics of the control plane. Keys are server IDs wherever a server is involved. */
public final class Topics {

    /** Server lifecycle events from server-service. */
    public static final String SERVER_EVENTS = "connect.servers.events";
    /** Directory and grant events from access-service. */
    public static final String ACCESS_EVENTS = "connect.access.events";
    /** Token lifecycle events from token-service. */
    public static final String TOKEN_EVENTS = "connect.tokens.events";
    /** The public stream of changes in what a token or server may access. */
    public static final String ACCESS_CHANGES = "connect.access-changes";
    /** OCSF records for SIEM connectors, from audit-service. */
    public static final String AUDIT_SIEM = "connect.audit.siem";
    /** Signed checkpoints of the audit chain's head, from audit-service: keep them where the database cannot reach. */
    public static final String AUDIT_CHECKPOINTS = "connect.audit.checkpoints";
    /** Commands to server-service. */
    public static final String SERVER_COMMANDS = "connect.servers.commands";
    /** Commands to token-service. */
    public static final String TOKEN_COMMANDS = "connect.tokens.commands";
    /** Commands to access-service. */
    public static final String ACCESS_COMMANDS = "connect.access.commands";
    /** Replies to commands, keyed by command ID. */
    public static final String COMMAND_REPLIES = "connect.command-replies";
    /** What the services report about themselves for operators and the audit: a parked outbox row. */
    public static final String OPERATIONS_EVENTS = "connect.operations.events";
    /**
     * How far each service's outbox relay has published ({@code OutboxWatermark}), one key per
     * service: read by the services that must tell an object still on its way from a missing one.
     */
    public static final String OUTBOX_WATERMARKS = "connect.outbox.watermarks";

    /** The services that consume topics, each with its dead-letter topic. */
    public static final List<String> CONSUMING_SERVICES = List.of("server-service", "access-service", "token-service",
            "audit-service");

    /**
     * The one service that publishes each event topic. Its events carry the CloudEvents
     * {@code source} {@code /connect/<owner>}; consumers refuse (dead-letter) any other source, and
     * the broker's ACLs let only the owner write there.
     */
    private static final Map<String, String> OWNERS = Map.of(
            SERVER_EVENTS, "server-service",
            ACCESS_EVENTS, "access-service",
            TOKEN_EVENTS, "token-service",
            ACCESS_CHANGES, "token-service",
            AUDIT_CHECKPOINTS, "audit-service");

    private Topics() {
    }

    /** The service that owns an event topic, or empty for a topic several may write (commands, replies, operations, watermarks). */
    public static Optional<String> ownerOf(String topic) {
        return Optional.ofNullable(OWNERS.get(topic));
    }

    /** The CloudEvents {@code source} of the events a service publishes, e.g. {@code /connect/server-service}. */
    public static String sourceOf(String serviceName) {
        return "/connect/" + serviceName;
    }

    /** Every topic the services use, dead-letter topics included: what a stack creates before they start. */
    public static List<String> all() {
        List<String> topics = new ArrayList<>(List.of(SERVER_EVENTS, ACCESS_EVENTS, TOKEN_EVENTS, ACCESS_CHANGES, AUDIT_SIEM, AUDIT_CHECKPOINTS,
                SERVER_COMMANDS, TOKEN_COMMANDS, ACCESS_COMMANDS, COMMAND_REPLIES, OPERATIONS_EVENTS, OUTBOX_WATERMARKS));
        CONSUMING_SERVICES.forEach(service -> topics.add(deadLetter(service)));
        return List.copyOf(topics);
    }

    /** The dead-letter topic of one consuming service, e.g. {@code connect.dead-letter.server-service}. */
    public static String deadLetter(String serviceName) {
        return "connect.dead-letter." + serviceName;
    }
}

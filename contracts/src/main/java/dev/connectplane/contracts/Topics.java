package dev.connectplane.contracts;

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

    private Topics() {
    }

    /** The dead-letter topic of one consuming service, e.g. {@code connect.dead-letter.server-service}. */
    public static String deadLetter(String serviceName) {
        return "connect.dead-letter." + serviceName;
    }
}

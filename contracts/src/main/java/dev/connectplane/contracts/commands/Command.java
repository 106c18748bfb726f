package dev.connectplane.contracts.commands;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A command published on {@code connect.servers.commands}, {@code connect.access.commands} or
 * {@code connect.tokens.commands}: its ID (a repeat of the ID has no second effect and gets the
 * first reply again), its {@link CommandType} wire name and its payload (one of
 * {@link CommandPayloads}). The caller's bearer token travels in the Kafka header
 * {@value #AUTHORIZATION_HEADER} as {@code Bearer <token>}, never in the value.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = false)
public record Command(String commandId, String type, JsonNode payload) {

    /** The Kafka header that carries {@code Bearer <token>}. */
    public static final String AUTHORIZATION_HEADER = "authorization";
    /** Longest command ID accepted. */
    public static final int MAX_ID_LENGTH = 128;
    /**
     * Longest {@code type} read as a command type (the longest real one has 13 characters): a
     * longer one is not a command. It is echoed into the reply, so it must stay small.
     */
    public static final int MAX_TYPE_LENGTH = 64;
}

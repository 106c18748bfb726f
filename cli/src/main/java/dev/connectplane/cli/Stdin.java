package dev.connectplane.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** The {@code -} argument: the object is read as JSON from standard input (its {@code id}, else its {@code name}). */
final class Stdin {

    private Stdin() {
    }

    static String reference(String argument, String kind, InputStream in) {
        if (!"-".equals(argument)) {
            return argument;
        }
        try {
            JsonNode node = Api.JSON.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            if (node != null && node.isObject()) {
                for (String field : new String[] {"id", "name"}) {
                    if (node.hasNonNull(field) && !node.get(field).asText().isBlank()) {
                        return node.get(field).asText();
                    }
                }
            }
            if (node != null && node.isTextual()) {
                return node.asText();
            }
        } catch (IOException e) {
            throw new CliException("'-' reads a " + kind + " as JSON from standard input: " + e.getMessage());
        }
        throw new CliException("'-' reads a " + kind + " as JSON from standard input: an object with an \"id\" or a \"name\"");
    }

    /** The whole of standard input, trimmed (for a token to verify). */
    static String text(InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new CliException("cannot read standard input: " + e.getMessage());
        }
    }
}

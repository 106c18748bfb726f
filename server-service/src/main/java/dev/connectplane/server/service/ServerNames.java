package dev.connectplane.server.service;

import dev.connectplane.foundation.ids.IdGenerator;
import dev.connectplane.foundation.problem.ProblemException;

/**
 * The rules of server names: 1 to 128 characters after trimming, no control characters, not
 * {@code -} (which the CLI reads as "from stdin") and not of the form of an ID (which would make
 * ID-or-name lookups ambiguous).
 */
public final class ServerNames {

    public static final int MAX_LENGTH = 128;

    private ServerNames() {
    }

    /** Returns the trimmed name, or throws a 400 problem saying which rule it breaks. */
    public static String validate(String name) {
        if (name == null || name.isBlank()) {
            throw invalid("a server name is required");
        }
        String trimmed = name.strip();
        if (trimmed.codePointCount(0, trimmed.length()) > MAX_LENGTH) {
            throw invalid("a server name has at most " + MAX_LENGTH + " characters");
        }
        if (trimmed.codePoints().anyMatch(ServerNames::isControl)) {
            throw invalid("a server name may not contain control characters");
        }
        if (trimmed.equals("-")) {
            throw invalid("'-' is not a server name: the CLI reads it as 'the object from stdin'");
        }
        if (IdGenerator.looksLikeId(trimmed)) {
            throw invalid("a server name may not have the form of an ID (26 characters of 0-9 and a-z)");
        }
        return trimmed;
    }

    private static boolean isControl(int codePoint) {
        int type = Character.getType(codePoint);
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR;
    }

    private static ProblemException invalid(String detail) {
        return ProblemException.badRequest("invalid-server-name", detail);
    }
}

package dev.connectplane.foundation.names;

import dev.connectplane.foundation.ids.IdGenerator;
import dev.connectplane.foundation.problem.ProblemException;

/**
 * The rules of object names (servers, vaults, groups, tokens): 1 to 128 characters after
 * trimming, no control or format characters, not {@code -} (which the CLI reads as "from
 * stdin") and not of the form of an ID (which would make ID-or-name lookups ambiguous).
 */
public final class Names {

    public static final int MAX_LENGTH = 128;

    private Names() {
    }

    /**
     * Returns the trimmed name, or throws a 400 problem ({@code invalid-<kind>-name}) saying which rule it breaks.
     *
     * @param kind what is named, e.g. {@code server}
     */
    public static String validate(String kind, String name) {
        if (name == null || name.isBlank()) {
            throw invalid(kind, "a " + kind + " name is required");
        }
        String trimmed = name.strip();
        if (trimmed.codePointCount(0, trimmed.length()) > MAX_LENGTH) {
            throw invalid(kind, "a " + kind + " name has at most " + MAX_LENGTH + " characters");
        }
        if (trimmed.codePoints().anyMatch(Names::isControl)) {
            throw invalid(kind, "a " + kind + " name may not contain control characters");
        }
        if (trimmed.equals("-")) {
            throw invalid(kind, "'-' is not a " + kind + " name: the CLI reads it as 'the object from stdin'");
        }
        if (IdGenerator.looksLikeId(trimmed)) {
            throw invalid(kind, "a " + kind + " name may not have the form of an ID (26 characters of 0-9 and a-z)");
        }
        return trimmed;
    }

    private static boolean isControl(int codePoint) {
        int type = Character.getType(codePoint);
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR;
    }

    private static ProblemException invalid(String kind, String detail) {
        return ProblemException.badRequest("invalid-" + kind + "-name", detail);
    }
}

package dev.connectplane.foundation.text;

import java.util.Optional;

/**
 * The one rule for text that may reach the database, checked at every way in (path segments and
 * query parameters: {@code rest/HostileInputFilter}; JSON strings in request bodies and command
 * payloads: {@code rest/StrictJsonCustomizer}; command IDs and types: {@code CommandProcessor}).
 * PostgreSQL cannot store U+0000 in text (it refuses the statement, which was a 500), and a lone
 * surrogate has no UTF-8 encoding (the driver would write {@code ?} in its place). Any other
 * character, control characters included, is stored as it is; lengths are each field's own rule.
 */
public final class StorableText {

    /** The longest text accepted in one path segment or query parameter. */
    public static final int MAX_PARAMETER_CHARS = 1_000;

    private StorableText() {
    }

    /** Why {@code text} cannot be stored, or empty when it can. */
    public static Optional<String> problem(String text) {
        if (text == null) {
            return Optional.empty();
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\u0000') {
                return Optional.of("contains the NUL character (U+0000), which cannot be stored");
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return Optional.of("contains a lone surrogate (U+" + hex(c) + "), which is not a character");
            }
            if (Character.isLowSurrogate(c)) {
                return Optional.of("contains a lone surrogate (U+" + hex(c) + "), which is not a character");
            }
        }
        return Optional.empty();
    }

    /** {@code text} with each NUL and lone surrogate replaced by U+FFFD, for echoing what was refused. */
    public static String storable(String text) {
        if (isStorable(text)) {
            return text;
        }
        StringBuilder shown = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                shown.append(c).append(text.charAt(++i));
            } else {
                shown.append(c == '\u0000' || Character.isSurrogate(c) ? '\uFFFD' : c);
            }
        }
        return shown.toString();
    }

    /** Whether {@code text} can be stored as it is. */
    public static boolean isStorable(String text) {
        return problem(text).isEmpty();
    }

    private static String hex(char c) {
        return String.format("%04X", (int) c);
    }
}

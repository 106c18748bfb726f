package dev.connectplane.token.service;

import dev.connectplane.foundation.problem.ProblemException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses {@code --expires-in} durations: whole numbers with the units s, m, h, d and w, each at
 * most once and largest first, as in {@code 90m}, {@code 1w2d}, {@code 30d}, {@code 1h30m}.
 * Zero, negative, overflowing (over 10 years) and unknown units are refused with a message
 * that shows the accepted form.
 */
public final class ExpiryParser {

    /** The longest expiry accepted: ten years. */
    public static final Duration MAX = Duration.ofDays(3653);

    static final String ACCEPTED = "a positive duration in units s, m, h, d, w, largest first, e.g. 90m, 12h, 30d, 1w2d";

    private static final Pattern FORM = Pattern.compile("(?:(\\d+)w)?(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?");
    private static final long[] UNIT_SECONDS = {7 * 86_400L, 86_400L, 3_600L, 60L, 1L};

    private ExpiryParser() {
    }

    /** The duration, or {@code null} for no expiry when the text is null or blank. */
    public static Duration parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String value = text.strip().toLowerCase();
        Matcher matcher = FORM.matcher(value);
        if (value.startsWith("-") || !matcher.matches()) {
            throw invalid(text, value.startsWith("-") ? "it is negative" : "it is not in the accepted form");
        }
        long seconds = 0;
        for (int group = 1; group <= 5; group++) {
            String digits = matcher.group(group);
            if (digits == null) {
                continue;
            }
            if (digits.length() > 12) {
                throw invalid(text, "it is too long");
            }
            seconds = Math.addExact(seconds, Math.multiplyExact(Long.parseLong(digits), UNIT_SECONDS[group - 1]));
        }
        if (seconds == 0) {
            throw invalid(text, "it is zero");
        }
        Duration duration = Duration.ofSeconds(seconds);
        if (duration.compareTo(MAX) > 0) {
            throw invalid(text, "it is longer than 10 years");
        }
        return duration;
    }

    private static ProblemException invalid(String text, String why) {
        return ProblemException.badRequest("invalid-expiry",
                "expires_in '" + text + "' is not valid (" + why + "): expected " + ACCEPTED);
    }
}

package dev.connectplane.foundation.paging;

import dev.connectplane.foundation.problem.ProblemException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * Cursors as the API hands them out: opaque, URL-safe base64 of the last row's sort key. A
 * client passes them back as they are; one this service did not give out is a 400.
 */
final class Cursors {

    private static final String VERSION = "p1";
    private static final String SEPARATOR = "\u001f";

    private Cursors() {
    }

    static String encode(List<String> key) {
        String text = VERSION + SEPARATOR + String.join(SEPARATOR, key);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    static List<String> decode(String cursor) {
        String text;
        try {
            text = new String(Base64.getUrlDecoder().decode(cursor.strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        List<String> values = Arrays.asList(text.split(SEPARATOR, -1));
        if (values.size() < 2 || !VERSION.equals(values.get(0))) {
            throw invalid();
        }
        return List.copyOf(values.subList(1, values.size()));
    }

    static ProblemException invalid() {
        return ProblemException.badRequest("invalid-cursor", "the cursor is not one this list gave out; "
                + "pass the one of the previous page's Link header as it is");
    }
}

package dev.connectplane.foundation.rest;

import dev.connectplane.foundation.problem.ProblemResponses;
import dev.connectplane.foundation.text.StorableText;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses, with a 400 problem document and before any resource runs, a request whose path
 * segments or query parameters are badly percent-encoded, hold text that cannot be stored
 * ({@link StorableText}: NUL, lone surrogates) once decoded, or are longer than
 * {@value StorableText#MAX_PARAMETER_CHARS} characters. It reads the raw URI and decodes it
 * itself: asking JAX-RS for decoded segments throws on a stray {@code %}.
 */
public class HostileInputFilter {

    @ServerRequestFilter(preMatching = true)
    public Response refuseUnstorableParameters(ContainerRequestContext request) {
        URI uri = request.getUriInfo().getRequestUri();
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        for (String segment : path.split("/")) {
            Optional<Response> refused = refusal("path segment", segment, false);
            if (refused.isPresent()) {
                return refused.get();
            }
        }
        String query = uri.getRawQuery();
        if (query == null) {
            return null;
        }
        for (String parameter : query.split("&")) {
            for (String part : parameter.split("=", 2)) {
                Optional<Response> refused = refusal("query parameter", part, true);
                if (refused.isPresent()) {
                    return refused.get();
                }
            }
        }
        return null;
    }

    private static Optional<Response> refusal(String where, String raw, boolean plusIsSpace) {
        String text = decode(raw, plusIsSpace);
        if (text == null) {
            return Optional.of(ProblemResponses.of(400, "malformed-uri", "Malformed percent-encoding",
                    "a " + where + " has a '%' not followed by two hexadecimal digits", null));
        }
        if (text.length() > StorableText.MAX_PARAMETER_CHARS) {
            return Optional.of(ProblemResponses.of(400, "parameter-too-long", "Parameter too long",
                    "a " + where + " has " + text.length() + " characters; at most " + StorableText.MAX_PARAMETER_CHARS
                            + " are accepted", null));
        }
        return StorableText.problem(text).map(problem -> ProblemResponses.of(400, "invalid-characters",
                "Characters that cannot be stored", "a " + where + " " + problem, null));
    }

    /**
     * Percent-decodes {@code raw} as UTF-8 (a byte sequence that is not UTF-8 becomes U+FFFD, as
     * JAX-RS decodes it), or null when a {@code %} is not followed by two hexadecimal digits.
     */
    static String decode(String raw, boolean plusIsSpace) {
        if (raw.indexOf('%') < 0 && !(plusIsSpace && raw.indexOf('+') >= 0)) {
            return raw;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length()) {
                    return null;
                }
                int high = Character.digit(raw.charAt(i + 1), 16);
                int low = Character.digit(raw.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    return null;
                }
                bytes.write(high * 16 + low);
                i += 2;
            } else if (c == '+' && plusIsSpace) {
                bytes.write(' ');
            } else {
                byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(encoded, 0, encoded.length);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}

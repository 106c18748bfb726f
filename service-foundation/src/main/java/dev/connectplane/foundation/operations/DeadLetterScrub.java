package dev.connectplane.foundation.operations;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * What is taken out of a record before it is dead-lettered: every header that carries a
 * credential (by name: {@code authorization} and its kin, in any case; or by shape: a value
 * holding a JWT or a bearer/basic credential), and any JWT in the failure's message, which
 * becomes the {@code dead-letter-reason} header (a parse error quotes the input it choked on).
 */
public final class DeadLetterScrub {

    static final Set<String> CREDENTIAL_HEADERS = Set.of("authorization", "proxy-authorization", "cookie",
            "set-cookie", "x-api-key");
    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*");
    private static final Pattern CREDENTIAL_VALUE = Pattern.compile("(?i)^\\s*(bearer|basic)\\s+\\S+");
    static final String REDACTED = "[redacted]";

    private DeadLetterScrub() {
    }

    /** Removes, in place, every header that names or holds a credential. */
    public static void removeCredentials(Headers headers) {
        List<String> credentials = new ArrayList<>();
        for (Header header : headers) {
            if (isCredential(header)) {
                credentials.add(header.key());
            }
        }
        credentials.forEach(headers::remove);
    }

    static boolean isCredential(Header header) {
        if (CREDENTIAL_HEADERS.contains(header.key().toLowerCase(Locale.ROOT))) {
            return true;
        }
        if (header.value() == null) {
            return false;
        }
        String value = new String(header.value(), StandardCharsets.UTF_8);
        return JWT.matcher(value).find() || CREDENTIAL_VALUE.matcher(value).find();
    }

    /** The failure itself, or one of the same message with every JWT in it redacted. */
    public static Throwable redacted(Throwable failure) {
        String message = failure.getMessage();
        if (message == null || !JWT.matcher(message).find()) {
            return failure;
        }
        return new RedactedFailure(JWT.matcher(message).replaceAll(REDACTED), failure.getClass().getName());
    }

    /** A failure whose message held a credential: the message redacted, the original class named. */
    static final class RedactedFailure extends RuntimeException {
        RedactedFailure(String message, String originalClass) {
            super(originalClass + ": " + message, null, false, false);
        }
    }
}

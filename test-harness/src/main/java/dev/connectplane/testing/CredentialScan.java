package dev.connectplane.testing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * What in a Kafka record looks like a credential: an authorization header, a JWT or a bearer
 * value anywhere. A JWT is exactly three dot-separated segments: a compact JWE (five, the
 * encrypted secret a command asked for) is not one.
 */
public final class CredentialScan {

    private static final Pattern JWT = Pattern.compile("(?<![A-Za-z0-9_.-])eyJ[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*(?![A-Za-z0-9_-])(?!\\.[A-Za-z0-9_-])");
    private static final Pattern BEARER = Pattern.compile("(?i)bearer\\s+[A-Za-z0-9._~+/-]{20,}");

    private CredentialScan() {
    }

    /** One line per finding, naming where it is; empty when the record holds none. */
    public static List<String> findings(ConsumerRecord<String, String> record) {
        List<String> findings = new ArrayList<>();
        String where = record.topic() + "-" + record.partition() + "@" + record.offset();
        for (Header header : record.headers()) {
            if (header.key().equalsIgnoreCase("authorization")) {
                findings.add(where + ": header " + header.key());
            }
            if (header.value() != null && holdsCredential(new String(header.value(), StandardCharsets.UTF_8))) {
                findings.add(where + ": a credential in header " + header.key());
            }
        }
        if (record.key() != null && holdsCredential(record.key())) {
            findings.add(where + ": a credential in the key");
        }
        if (record.value() != null && holdsCredential(record.value())) {
            findings.add(where + ": a credential in the value");
        }
        return findings;
    }

    /** Whether {@code text} holds a JWT or a bearer credential. */
    public static boolean holdsCredential(String text) {
        return JWT.matcher(text).find() || BEARER.matcher(text).find();
    }
}

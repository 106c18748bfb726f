package dev.connectplane.audit.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Keeps secrets out of audit records, whatever a message carries: fields whose names say they
 * hold a secret are removed, and any string that looks like a JWT is replaced. Known event
 * types carry no secrets today; this guards against a future field, and against unknown
 * messages, which are recorded raw.
 */
public final class Redaction {

    public static final String REDACTED = "[redacted]";

    private static final Set<String> SECRET_FIELDS = Set.of("secret", "token", "password", "credentials", "credential",
            "credential_verifier", "private_key", "encrypted_private", "client_secret", "authorization", "bearer",
            "bearer_token", "access_token", "refresh_token", "api_key", "key_encryption_key");
    private static final Pattern JWT = Pattern.compile("[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]*");

    private Redaction() {
    }

    /** A copy of the tree without secrets. */
    public static JsonNode redact(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isObject()) {
            ObjectNode copy = ((ObjectNode) node).objectNode();
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (!isSecretField(field.getKey())) {
                    copy.set(field.getKey(), redact(field.getValue()));
                }
            }
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = ((ArrayNode) node).arrayNode();
            node.forEach(item -> copy.add(redact(item)));
            return copy;
        }
        if (node.isTextual() && looksLikeJwt(node.asText())) {
            return TextNode.valueOf(REDACTED);
        }
        return node;
    }

    static boolean isSecretField(String name) {
        return SECRET_FIELDS.contains(name.toLowerCase(Locale.ROOT).replace('-', '_'));
    }

    static boolean looksLikeJwt(String text) {
        return text.length() >= 40 && JWT.matcher(text).find();
    }
}

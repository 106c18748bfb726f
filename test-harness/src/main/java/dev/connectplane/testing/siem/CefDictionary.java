package dev.connectplane.testing.siem;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The CEF extension dictionary ({@code cef_keys.json}: key, type, maximum length, as the
 * {@code cefevent} library and Elastic Beats' {@code decode_cef} carry it) and what a CEF line
 * must be:
 * <ul>
 *   <li>{@code CEF:0|Vendor|Product|Version|Signature ID|Name|Severity|Extension}: seven
 *       header fields split on unescaped pipes, escaping only {@code \\} and {@code \|}, vendor,
 *       product and version within 63 characters, signature ID 1023, name 512, severity 0–10 or
 *       Low, Medium, High, Very-High;</li>
 *   <li>extension pairs {@code key=value} separated by spaces, every key in the dictionary,
 *       values escaping only {@code \\}, {@code \=}, {@code \n} and {@code \r}, each within the
 *       key's maximum length once unescaped, timestamps as epoch milliseconds or
 *       {@code MMM dd yyyy HH:mm:ss}, numbers as numbers;</li>
 *   <li>one line: no raw line break anywhere.</li>
 * </ul>
 */
public final class CefDictionary {

    private static final Pattern SEVERITY = Pattern.compile("^(10|[0-9]|Unknown|Low|Medium|High|Very-High)$");
    private static final Pattern KEY = Pattern.compile("^[A-Za-z0-9_]+$");
    private static final Pattern MILLIS = Pattern.compile("^[0-9]{10,14}$");
    private static final Pattern DATE = Pattern.compile("^[A-Z][a-z]{2} [0-9]{2} [0-9]{4} [0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{3})?( .+)?$");
    private static final int[] HEADER_LIMITS = {63, 63, 63, 1023, 512};

    private final JsonNode keys;

    private CefDictionary(JsonNode data) {
        this.keys = data.path("keys");
    }

    public static CefDictionary load() {
        return new CefDictionary(SchemaData.read("cef_keys.json"));
    }

    /** What is wrong with one line; empty when it is valid CEF. */
    public List<String> validate(String line) {
        List<String> errors = new ArrayList<>();
        if (line.indexOf('\n') >= 0 || line.indexOf('\r') >= 0) {
            errors.add("raw line break in the line");
        }
        if (!line.startsWith("CEF:0|")) {
            errors.add("does not start with CEF:0|");
            return errors;
        }
        List<String> header = new ArrayList<>();
        int start = "CEF:0|".length();
        int position = start;
        while (header.size() < 6 && position < line.length()) {
            char c = line.charAt(position);
            if (c == '\\') {
                char next = position + 1 < line.length() ? line.charAt(position + 1) : ' ';
                if (next != '\\' && next != '|') {
                    errors.add("header field " + (header.size() + 1) + ": backslash before '" + next + "' (only \\\\ and \\| are escapes)");
                }
                position += 2;
            } else if (c == '|') {
                header.add(line.substring(start, position));
                start = position + 1;
                position++;
            } else {
                position++;
            }
        }
        if (header.size() < 6) {
            errors.add("fewer than seven header fields");
            return errors;
        }
        for (int i = 0; i < HEADER_LIMITS.length; i++) {
            int length = unescapeHeader(header.get(i)).length();
            if (length > HEADER_LIMITS[i]) {
                errors.add("header field " + (i + 1) + ": " + length + " characters, more than " + HEADER_LIMITS[i]);
            }
        }
        if (!SEVERITY.matcher(header.get(5)).matches()) {
            errors.add("severity '" + header.get(5) + "' is not 0-10 or Low/Medium/High/Very-High");
        }
        validateExtension(line.substring(start), errors);
        return errors;
    }

    private void validateExtension(String extension, List<String> errors) {
        List<Integer> equals = new ArrayList<>();
        for (int i = 0; i < extension.length(); i++) {
            char c = extension.charAt(i);
            if (c == '\\') {
                char next = i + 1 < extension.length() ? extension.charAt(i + 1) : ' ';
                if ("\\=nr".indexOf(next) < 0) {
                    errors.add("extension: backslash before '" + next + "' (only \\\\, \\=, \\n and \\r are escapes)");
                }
                i++;
            } else if (c == '=') {
                equals.add(i);
            }
        }
        List<int[]> keyRanges = new ArrayList<>();
        int previousEnd = 0;
        for (int at : equals) {
            int keyStart = extension.lastIndexOf(' ', at) + 1;
            if (keyStart < previousEnd) {
                keyStart = previousEnd;
            }
            keyRanges.add(new int[] {keyStart, at});
            previousEnd = at + 1;
        }
        if (!keyRanges.isEmpty() && !extension.substring(0, keyRanges.get(0)[0]).isBlank()) {
            errors.add("extension: text before the first key");
        }
        for (int i = 0; i < keyRanges.size(); i++) {
            String key = extension.substring(keyRanges.get(i)[0], keyRanges.get(i)[1]);
            int valueEnd = i + 1 < keyRanges.size() ? keyRanges.get(i + 1)[0] - 1 : extension.length();
            String raw = extension.substring(keyRanges.get(i)[1] + 1, Math.max(valueEnd, keyRanges.get(i)[1] + 1));
            validatePair(key, unescapeValue(raw), errors);
        }
    }

    private void validatePair(String key, String value, List<String> errors) {
        if (!KEY.matcher(key).matches()) {
            errors.add("extension key '" + key + "' is not a key");
            return;
        }
        JsonNode spec = keys.get(key);
        if (spec == null) {
            errors.add("extension key '" + key + "' is not in the CEF dictionary");
            return;
        }
        int maxLength = spec.path("max_len").asInt(Integer.MAX_VALUE);
        if (!spec.path("max_len").isNull() && value.length() > maxLength) {
            errors.add(key + ": " + value.length() + " characters, more than " + maxLength);
        }
        switch (spec.path("type").asText()) {
            case "TimeStamp" -> {
                if (!MILLIS.matcher(value).matches() && !DATE.matcher(value).matches()) {
                    errors.add(key + ": '" + value + "' is not a CEF timestamp");
                }
            }
            case "Long", "Integer" -> {
                if (!value.matches("^-?[0-9]+$")) {
                    errors.add(key + ": '" + value + "' is not a number");
                }
            }
            case "Double", "Float" -> {
                if (!value.matches("^-?[0-9]+(\\.[0-9]+)?$")) {
                    errors.add(key + ": '" + value + "' is not a number");
                }
            }
            default -> {
            }
        }
    }

    private static String unescapeHeader(String raw) {
        return raw.replace("\\|", "|").replace("\\\\", "\\");
    }

    private static String unescapeValue(String raw) {
        StringBuilder value = new StringBuilder();
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '\\' && i + 1 < raw.length()) {
                char next = raw.charAt(++i);
                value.append(next == 'n' ? '\n' : next == 'r' ? '\r' : next);
            } else {
                value.append(c);
            }
        }
        return value.toString();
    }
}

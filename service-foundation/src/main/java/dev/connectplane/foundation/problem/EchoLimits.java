package dev.connectplane.foundation.problem;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Caps on what a problem echoes of the request: its detail, and each text or list in its
 * extension members. A longer text is cut and ends with {@value #CUT_MARK}; a longer list keeps
 * its first {@value #MAX_LIST_ITEMS} items. With these caps a command reply stays far below the
 * broker's 1 MB, whatever a command carried.
 */
public final class EchoLimits {

    /** Longest problem detail, in characters. */
    public static final int MAX_DETAIL_CHARS = 1000;
    /** Longest text in an extension member. */
    public static final int MAX_VALUE_CHARS = 200;
    /** Most items of a list in an extension member. */
    public static final int MAX_LIST_ITEMS = 50;
    static final String CUT_MARK = "…";

    private EchoLimits() {
    }

    /** The text, or its first {@code max - 1} characters and the cut mark. */
    public static String text(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        int end = max - CUT_MARK.length();
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + CUT_MARK;
    }

    static Map<String, Object> extensions(Map<String, Object> extensions) {
        Map<String, Object> capped = new LinkedHashMap<>();
        extensions.forEach((name, value) -> capped.put(name, value(value)));
        return capped;
    }

    private static Object value(Object value) {
        if (value instanceof String text) {
            return text(text, MAX_VALUE_CHARS);
        }
        if (value instanceof Collection<?> items) {
            return list(items);
        }
        if (value instanceof Iterable<?> items) {
            List<Object> all = new ArrayList<>();
            items.forEach(all::add);
            return list(all);
        }
        return value;
    }

    private static List<Object> list(Collection<?> items) {
        List<Object> capped = new ArrayList<>(Math.min(items.size(), MAX_LIST_ITEMS));
        for (Object item : items) {
            if (capped.size() == MAX_LIST_ITEMS) {
                break;
            }
            capped.add(value(item));
        }
        return capped;
    }
}

package dev.connectplane.foundation.ids;

import java.security.SecureRandom;
import java.util.regex.Pattern;

/**
 * Object IDs: 26 characters from {@code [0-9a-z]}, drawn from a secure random source
 * (about 134 bits), so they can be neither guessed nor reused.
 */
public final class IdGenerator {

    public static final int LENGTH = 26;
    public static final Pattern ID_PATTERN = Pattern.compile("^[0-9a-z]{26}$");
    private static final char[] ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private IdGenerator() {
    }

    public static String newId() {
        char[] id = new char[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            id[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return new String(id);
    }

    /** Whether the text has the form of an ID (it may still name nothing). */
    public static boolean looksLikeId(String text) {
        return text != null && ID_PATTERN.matcher(text).matches();
    }
}

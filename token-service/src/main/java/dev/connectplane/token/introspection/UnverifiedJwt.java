package dev.connectplane.token.introspection;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.connectplane.foundation.ids.IdGenerator;
import java.io.IOException;
import java.util.Base64;

/**
 * Reads the {@code jti} of a compact JWS without trusting it, only to find the token's stored
 * facts. Anything that is not three base64url segments with a JSON object payload, or is longer
 * than the limit, has no token ID.
 */
final class UnverifiedJwt {

    private static final JsonFactory JSON = new JsonFactory();

    private UnverifiedJwt() {
    }

    static String tokenId(String token, int maxChars) {
        if (token == null || token.isEmpty() || token.length() > maxChars) {
            return null;
        }
        int first = token.indexOf('.');
        int second = first < 0 ? -1 : token.indexOf('.', first + 1);
        if (first <= 0 || second <= first + 1 || second == token.length() - 1 || token.indexOf('.', second + 1) >= 0
                || !isBase64Url(token)) {
            return null;
        }
        try {
            byte[] payload = Base64.getUrlDecoder().decode(token.substring(first + 1, second));
            return jti(payload);
        } catch (IllegalArgumentException | IOException e) {
            return null;
        }
    }

    private static String jti(byte[] payload) throws IOException {
        try (JsonParser parser = JSON.createParser(payload)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("jti".equals(field)) {
                    String id = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                    return IdGenerator.looksLikeId(id) ? id : null;
                }
                parser.skipChildren();
            }
            return null;
        }
    }

    private static boolean isBase64Url(String token) {
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.';
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}

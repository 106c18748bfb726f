package dev.connectplane.token.introspection;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class UnverifiedJwtTest {

    private static final String ID = "7kq2m4x9v3n8p1r5t6w0y2z4ab";

    @Test
    void readsTheJtiOfAWellFormedToken() {
        assertThat(UnverifiedJwt.tokenId(jwt("{\"iss\":\"x\",\"vaults\":[{\"id\":\"a\"}],\"jti\":\"" + ID + "\"}"), 4096))
                .isEqualTo(ID);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"jti\":5}", "{\"jti\":\"short\"}", "[]", "{}", "\"x\"", "{\"sub\":\"" + ID + "\"}"})
    void findsNoIdInPayloadsWithout(String payload) {
        assertThat(UnverifiedJwt.tokenId(jwt(payload), 4096)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a", "a.b", ".b.c", "a..c", "a.b.", "a.b.c.d", "a b.c.d", "a+b.c/d.e=", "%%.%%.%%"})
    void findsNoIdInMalformedTokens(String token) {
        assertThat(UnverifiedJwt.tokenId(token, 4096)).isNull();
    }

    @Test
    void ignoresTokensOverTheLimit() {
        String token = jwt("{\"jti\":\"" + ID + "\"}");
        assertThat(UnverifiedJwt.tokenId(token, token.length() - 1)).isNull();
        assertThat(UnverifiedJwt.tokenId(null, 10)).isNull();
    }

    private static String jwt(String payload) {
        Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
        return encoder.encodeToString("{\"alg\":\"ES256\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + encoder.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + ".c2ln";
    }
}

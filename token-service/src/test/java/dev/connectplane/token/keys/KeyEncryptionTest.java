package dev.connectplane.token.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.connectplane.token.config.TokenConfig;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class KeyEncryptionTest {

    private static final byte[] PLAIN = "private key material".getBytes(StandardCharsets.UTF_8);

    @Test
    void roundTripsAndNeverStoresThePlainBytes() {
        KeyEncryption encryption = new KeyEncryption(config(key(1)));
        byte[] first = encryption.encrypt(PLAIN, "kid-1");
        byte[] second = encryption.encrypt(PLAIN, "kid-1");
        assertThat(first).isNotEqualTo(second);
        assertThat(new String(first, StandardCharsets.ISO_8859_1)).doesNotContain("private key material");
        assertThat(encryption.decrypt(first, "kid-1")).isEqualTo(PLAIN);
    }

    @Test
    void anotherKeyOrAnotherKidDoesNotDecrypt() {
        byte[] sealed = new KeyEncryption(config(key(1))).encrypt(PLAIN, "kid-1");
        assertThatThrownBy(() -> new KeyEncryption(config(key(2))).decrypt(sealed, "kid-1"))
                .hasMessageContaining("does not decrypt");
        assertThatThrownBy(() -> new KeyEncryption(config(key(1))).decrypt(sealed, "kid-2"))
                .hasMessageContaining("does not decrypt");
    }

    @Test
    void refusesKeysOfTheWrongSize() {
        assertThatThrownBy(() -> new KeyEncryption(config(Base64.getEncoder().encodeToString(new byte[16]))))
                .hasMessageContaining("must be 32 bytes");
        assertThatThrownBy(() -> new KeyEncryption(config("not base64 !"))).hasMessageContaining("not base64");
    }

    private static String key(int fill) {
        byte[] bytes = new byte[32];
        Arrays.fill(bytes, (byte) fill);
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static TokenConfig config(String kek) {
        return new TokenConfig() {
            public String issuer() {
                return "test";
            }

            public String keyEncryptionKey() {
                return kek;
            }

            public Duration projectionWait() {
                return Duration.ZERO;
            }

            public int maxTokenChars() {
                return 4096;
            }

            public long cacheSize() {
                return 10;
            }

            public Duration cacheMaxStaleness() {
                return Duration.ofSeconds(5);
            }

            public Duration requestedVaultHorizon() {
                return Duration.ofMinutes(10);
            }
        };
    }
}

package dev.connectplane.server.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CredentialsTest {

    @Test
    void secretsAreLongRandomAndUrlSafe() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String secret = Credentials.newSecret();
            assertThat(secret).hasSize(43).matches("^[A-Za-z0-9_-]+$");
            seen.add(secret);
        }
        assertThat(seen).hasSize(1000);
    }

    @Test
    void aSecretMatchesOnlyItsOwnHash() {
        String secret = Credentials.newSecret();
        String hash = Credentials.hash(secret);

        assertThat(hash).hasSize(64).doesNotContain(secret);
        assertThat(Credentials.matches(secret, hash)).isTrue();
        assertThat(Credentials.matches(Credentials.newSecret(), hash)).isFalse();
        assertThat(Credentials.matches(null, hash)).isFalse();
    }
}

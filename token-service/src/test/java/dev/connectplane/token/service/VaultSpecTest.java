package dev.connectplane.token.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.connectplane.foundation.problem.ProblemException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class VaultSpecTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"Prod|Prod|true|true", "Prod,r|Prod|true|false", "Prod,w|Prod|false|true",
            "Prod,rw|Prod|true|true", "Prod, R |Prod|true|false", "Ops, EU|Ops, EU|true|true", "Ops, EU,w|Ops, EU|false|true",
            "7kq2m4x9v3n8p1r5t6w0y2z4ab,r|7kq2m4x9v3n8p1r5t6w0y2z4ab|true|false"})
    void parsesTheVaultAndItsPermissions(String text, String vault, boolean read, boolean write) {
        assertThat(VaultSpec.parse(text)).isEqualTo(new VaultSpec(vault, read, write));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", ",r", " ,rw"})
    void refusesAMissingVault(String text) {
        assertThatThrownBy(() -> VaultSpec.parse(text)).isInstanceOf(ProblemException.class)
                .hasMessageContaining(",r ,w or ,rw");
    }
}

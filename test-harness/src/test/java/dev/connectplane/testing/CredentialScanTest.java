package dev.connectplane.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CredentialScanTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "{\"token\":\"eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln\"}|true",
        "the token eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln.|true",
        "unsigned eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.|true",
        "Authorization: Bearer abcdefghijklmnopqrstuvwxyz0123|true",
        "{\"token_jwe\":\"eyJhbGciOiJFQ0RILUVTK0EyNTZLVyJ9.a2V5.aXY.Y2lwaGVy.dGFn\"}|false",
        "this request needs a bearer token: Authorization: Bearer <token>|false",
        "eyJ-not-a-token and a.b.c|false"})
    void findsJwtsAndBearerValuesButNotEncryptedReplies(String text, boolean holds) {
        assertThat(CredentialScan.holdsCredential(text)).isEqualTo(holds);
    }
}

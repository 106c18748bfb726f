package dev.connectplane.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.jose4j.jwe.ContentEncryptionAlgorithmIdentifiers;
import org.jose4j.jwe.JsonWebEncryption;
import org.jose4j.jwe.KeyManagementAlgorithmIdentifiers;
import org.jose4j.jwk.PublicJsonWebKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code connectctl reply-key create} and {@code decrypt}: what a command sender runs around a JWE reply. */
class ReplyKeyCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final PrintStream originalOut = System.out;
    private final InputStream originalIn = System.in;

    @TempDir
    Path dir;

    @BeforeEach
    void capture() {
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(originalOut);
        System.setIn(originalIn);
    }

    @Test
    void aJweToThePrintedPublicKeyDecryptsWithThePrivateKeyFile() throws Exception {
        Path privateKey = dir.resolve("reply-key.json");

        assertThat(ConnectCtl.run("reply-key", "create", "--private-key", privateKey.toString(), "--kid", "ci-1")).isZero();

        String publicJson = out.toString(StandardCharsets.UTF_8).strip();
        PublicJsonWebKey publicKey = PublicJsonWebKey.Factory.newPublicJwk(publicJson);
        assertThat(publicJson).doesNotContain("\"d\"").contains("\"kid\":\"ci-1\"", "\"crv\":\"P-256\"");
        assertThat(Files.readString(privateKey)).contains("\"d\"");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(privateKey))).isEqualTo("rw-------");

        JsonWebEncryption jwe = new JsonWebEncryption();
        jwe.setAlgorithmHeaderValue(KeyManagementAlgorithmIdentifiers.ECDH_ES_A256KW);
        jwe.setEncryptionMethodHeaderParameter(ContentEncryptionAlgorithmIdentifiers.AES_256_GCM);
        jwe.setKey(publicKey.getPublicKey());
        jwe.setPlaintext("the token");
        out.reset();
        System.setIn(new ByteArrayInputStream((jwe.getCompactSerialization() + "\n").getBytes(StandardCharsets.UTF_8)));

        assertThat(ConnectCtl.run("reply-key", "decrypt", "--private-key", privateKey.toString())).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8).strip()).isEqualTo("the token");
    }

    @Test
    void anExistingKeyFileIsNeverOverwritten() throws Exception {
        Path privateKey = Files.writeString(dir.resolve("reply-key.json"), "keep me");

        assertThat(ConnectCtl.run("reply-key", "create", "--private-key", privateKey.toString())).isEqualTo(2);
        assertThat(Files.readString(privateKey)).isEqualTo("keep me");
    }
}

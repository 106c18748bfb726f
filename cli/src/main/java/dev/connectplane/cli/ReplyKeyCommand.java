package dev.connectplane.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.Callable;
import org.jose4j.jwe.JsonWebEncryption;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.keys.EllipticCurves;
import org.jose4j.lang.JoseException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The key pair a system uses to receive secrets over Kafka: {@code token.create} and
 * {@code server.create} commands carry its public JWK as {@code reply_key}, and the reply carries
 * the token or credentials document only as a JWE to it ({@code token_jwe}, {@code credentials_jwe}).
 * {@code connectctl reply-key create} writes the private JWK (mode 600) and prints the public one;
 * {@code connectctl reply-key decrypt} reads a JWE on standard input and prints what it holds.
 * jose4j, the JOSE library the services use.
 */
@Command(name = "reply-key", mixinStandardHelpOptions = true,
        description = "A key pair for receiving a token or credentials over Kafka, encrypted (reply_key).",
        subcommands = {ReplyKeyCommand.Create.class, ReplyKeyCommand.Decrypt.class})
final class ReplyKeyCommand {

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Generate an EC P-256 key pair: the private JWK to --private-key (mode 600, never share it), "
                    + "the public JWK to standard output (put it in a command's reply_key).")
    static class Create implements Callable<Integer> {

        @Option(names = "--private-key", required = true, paramLabel = "FILE",
                description = "Where the private JWK goes; refused if the file exists.")
        Path privateKey;

        @Option(names = "--kid", paramLabel = "ID", description = "The key's ID (kid), echoed in each JWE's header.")
        String kid;

        @Override
        public Integer call() {
            if (Files.exists(privateKey)) {
                throw new CliException(privateKey + " already exists: keep it, or choose another file", 2);
            }
            EllipticCurveJsonWebKey key;
            try {
                key = EcJwkGenerator.generateJwk(EllipticCurves.P256);
            } catch (JoseException e) {
                throw new CliException("could not generate a P-256 key: " + e.getMessage(), 1);
            }
            if (kid != null) {
                key.setKeyId(kid);
            }
            try {
                Path created = Files.createFile(privateKey,
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(created, key.toJson(JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE) + "\n");
            } catch (IOException | UnsupportedOperationException e) {
                throw new CliException("could not write " + privateKey + ": " + e.getMessage(), 1);
            }
            System.out.println(key.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY));
            return 0;
        }
    }

    @Command(name = "decrypt", mixinStandardHelpOptions = true,
            description = "Read a compact JWE (a reply's token_jwe or credentials_jwe) on standard input and print "
                    + "what it holds.")
    static class Decrypt implements Callable<Integer> {

        @Option(names = "--private-key", required = true, paramLabel = "FILE",
                description = "The private JWK written by reply-key create.")
        Path privateKey;

        @Override
        public Integer call() {
            String compact;
            PublicJsonWebKey key;
            try {
                compact = new String(System.in.readAllBytes(), StandardCharsets.UTF_8).strip();
                key = PublicJsonWebKey.Factory.newPublicJwk(Files.readString(privateKey));
            } catch (IOException | JoseException e) {
                throw new CliException("could not read the JWE or the key: " + e.getMessage(), 1);
            }
            if (key.getPrivateKey() == null) {
                throw new CliException(privateKey + " holds no private key", 2);
            }
            try {
                JsonWebEncryption jwe = new JsonWebEncryption();
                jwe.setCompactSerialization(compact);
                jwe.setKey(key.getPrivateKey());
                System.out.println(jwe.getPlaintextString());
            } catch (JoseException e) {
                throw new CliException("not a JWE for this key: " + e.getMessage(), 1);
            }
            return 0;
        }
    }
}

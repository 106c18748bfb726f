package dev.connectplane.infra;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The development identity issuer of the local stack and the tests: an RSA key pair kept in a
 * directory (generated on first use, the private key readable by its owner only, never checked
 * in) and RS256 bearer JWTs minted for any user and groups. The services verify these with
 * the public key file (auth/IssuerKeys); a real deployment points them at its own issuer.
 */
public final class DevIssuer {

    /** The {@code iss} claim of every minted token, and what the services expect by default. */
    public static final String ISSUER = "connect-plane-dev";
    /** The {@code aud} claim of every minted token, and what the services require by default ({@code CONNECT_AUTH_AUDIENCE}). */
    public static final String AUDIENCE = "connect-control-plane";
    public static final String PRIVATE_KEY_FILE = "issuer-private.pem";
    public static final String PUBLIC_KEY_FILE = "issuer-public.pem";

    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

    private final PrivateKey privateKey;
    private final Path publicKeyFile;

    private DevIssuer(PrivateKey privateKey, Path publicKeyFile) {
        this.privateKey = privateKey;
        this.publicKeyFile = publicKeyFile;
    }

    /** Loads the issuer kept in {@code directory}, generating its key pair there the first time. */
    public static synchronized DevIssuer loadOrCreate(Path directory) {
        try {
            Files.createDirectories(directory);
            Path privateFile = directory.resolve(PRIVATE_KEY_FILE);
            Path publicFile = directory.resolve(PUBLIC_KEY_FILE);
            if (!Files.exists(privateFile) || !Files.exists(publicFile)) {
                generate(privateFile, publicFile);
            }
            byte[] der = Base64.getMimeDecoder().decode(Files.readString(privateFile)
                    .replaceAll("-----[A-Z ]+-----", ""));
            PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
            return new DevIssuer(key, publicFile);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot load the development issuer from " + directory, e);
        }
    }

    /** The PEM file of the public key: what {@code connect.auth.public-key-location} points at. */
    public Path publicKeyFile() {
        return publicKeyFile;
    }

    /** A bearer token for {@code user} in {@code groups}, valid for {@code lifetime}, for this API ({@link #AUDIENCE}). */
    public String mint(String user, List<String> groups, Duration lifetime) {
        return mint(user, groups, lifetime, AUDIENCE);
    }

    /** A bearer token as {@link #mint(String, List, Duration)} for another audience (tests of the audience check). */
    public String mint(String user, List<String> groups, Duration lifetime, String audience) {
        Instant now = Instant.now();
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"dev\"}";
        String claims = "{\"iss\":" + json(ISSUER)
                + ",\"aud\":" + json(audience)
                + ",\"sub\":" + json(user)
                + ",\"upn\":" + json(user)
                + ",\"preferred_username\":" + json(user)
                + ",\"groups\":[" + groups.stream().map(DevIssuer::json).collect(Collectors.joining(",")) + "]"
                + ",\"iat\":" + now.getEpochSecond()
                + ",\"exp\":" + now.plus(lifetime).getEpochSecond()
                + ",\"jti\":" + json(UUID.randomUUID().toString()) + "}";
        String signingInput = URL.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + URL.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(privateKey);
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + URL.encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a development token", e);
        }
    }

    private static void generate(Path privateFile, Path publicFile) throws IOException, GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        Path tmp = Files.createTempFile(privateFile.getParent(), "issuer", ".tmp");
        try {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            tmp.toFile().setReadable(false, false);
            tmp.toFile().setReadable(true, true);
        }
        Files.writeString(tmp, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
        Files.move(tmp, privateFile, StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(publicFile, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static String json(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    /**
     * {@code DevIssuer DIRECTORY init} creates the key pair; {@code DevIssuer DIRECTORY identity
     * USER [GROUP,GROUP] [HOURS]} prints a bearer token for that identity.
     */
    public static void main(String[] args) {
        if (args.length < 2) {
            System.err.println("usage: DevIssuer DIRECTORY init | DevIssuer DIRECTORY identity USER [GROUPS] [HOURS]");
            System.exit(2);
        }
        DevIssuer issuer = loadOrCreate(Path.of(args[0]));
        switch (args[1]) {
            case "init" -> System.out.println(issuer.publicKeyFile());
            case "identity" -> {
                if (args.length < 3 || args[2].isBlank()) {
                    System.err.println("identity needs a user name");
                    System.exit(2);
                }
                List<String> groups = args.length > 3 && !args[3].isBlank()
                        ? List.of(args[3].split("\\s*,\\s*")) : List.of();
                long hours = args.length > 4 ? Long.parseLong(args[4]) : 12;
                System.out.println(issuer.mint(args[2], groups, Duration.ofHours(hours)));
            }
            default -> {
                System.err.println("unknown action: " + args[1]);
                System.exit(2);
            }
        }
    }
}

package dev.connectplane.infra;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Main of the Keycloak supervisor: unpacks the Keycloak distribution the build downloaded
 * ({@code org.keycloak:keycloak-quarkus-dist}, once per state directory), writes the
 * {@link KeycloakRealm} with its generated credentials, and runs {@code bin/kc.sh start-dev} on
 * {@code 127.0.0.1:<port>} with an in-memory database ({@code KC_DB=dev-mem}: every start imports
 * the realm afresh), on a Java 21+ JDK, which Keycloak 26 needs. Prints {@value #READY_LINE} and
 * the issuer when the realm's OpenID configuration answers, and stops Keycloak when this JVM ends.
 *
 * <p>Arguments: {@code <state-dir> <port>}. The JDK is {@code CONNECT_KEYCLOAK_JAVA_HOME}, else
 * this JVM's if it is 21+, else the newest 21+ JDK under {@code /usr/lib/jvm}.
 */
public final class KeycloakMain {

    static final String READY_LINE = "KEYCLOAK READY";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);
    private static final int MINIMUM_JAVA = 21;

    private KeycloakMain() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]).toAbsolutePath();
        int port = Integer.parseInt(args[1]);
        Path dist = unpacked(dir);
        KeycloakCredentials credentials = KeycloakCredentials.loadOrCreate(dir.resolve("credentials"));
        writeRealm(dist, credentials);
        Process keycloak = start(dist, port, credentials);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(keycloak), "keycloak-stop"));
        String issuer = KeycloakServer.issuer(port);
        awaitOpenIdConfiguration(keycloak, issuer);
        System.out.println(READY_LINE + " " + issuer);
        System.out.flush();
        keycloak.waitFor();
        System.err.println("Keycloak exited with status " + keycloak.exitValue());
        System.exit(1);
    }

    private static Process start(Path dist, int port, KeycloakCredentials credentials) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(dist.resolve("bin/kc.sh").toString(), "start-dev",
                "--http-port", Integer.toString(port), "--http-host", "127.0.0.1", "--import-realm")
                .directory(dist.toFile())
                .inheritIO()
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Map<String, String> env = builder.environment();
        env.put("JAVA_HOME", javaHome().toString());
        env.put("KC_DB", "dev-mem");
        env.put("KC_BOOTSTRAP_ADMIN_USERNAME", KeycloakCredentials.ADMIN);
        env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", credentials.password(KeycloakCredentials.ADMIN));
        env.putIfAbsent("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
        return builder.start();
    }

    private static void awaitOpenIdConfiguration(Process keycloak, String issuer) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(issuer + "/.well-known/openid-configuration"))
                .timeout(Duration.ofSeconds(5)).GET().build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!keycloak.isAlive()) {
                throw new IllegalStateException("Keycloak exited with status " + keycloak.exitValue() + " before it was ready");
            }
            try {
                if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("Keycloak did not answer " + issuer + " within " + START_TIMEOUT);
    }

    /** SIGTERM to kc.sh, which forwards it to Keycloak's JVM; whatever is left after the grace time is killed. */
    private static void stop(Process keycloak) {
        List<ProcessHandle> tree = Stream.concat(keycloak.descendants(), Stream.of(keycloak.toHandle())).toList();
        tree.forEach(ProcessHandle::destroy);
        try {
            keycloak.waitFor(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    /** The realm file Keycloak imports at start (mode 600: it holds the users' passwords). */
    private static void writeRealm(Path dist, KeycloakCredentials credentials) throws IOException {
        Path imports = Files.createDirectories(dist.resolve("data/import"));
        Path file = imports.resolve(KeycloakRealm.REALM + "-realm.json");
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, KeycloakRealm.json(credentials));
    }

    /** The distribution unpacked under {@code dir}: once, then reused (a marker file says it is whole). */
    static Path unpacked(Path dir) throws IOException {
        Properties build = buildProperties();
        String version = build.getProperty("version");
        Path dist = dir.resolve("keycloak-" + version);
        Path marker = dist.resolve(".unpacked");
        if (Files.exists(marker)) {
            return dist;
        }
        Path zip = Path.of(Optional.ofNullable(System.getenv("CONNECT_KEYCLOAK_DIST_ZIP")).orElse(build.getProperty("zip")));
        if (!Files.isReadable(zip)) {
            throw new IllegalStateException("the Keycloak distribution " + zip + " is missing: build local-infra with Maven"
                    + " (it downloads org.keycloak:keycloak-quarkus-dist:" + version + ") or set CONNECT_KEYCLOAK_DIST_ZIP");
        }
        Path staging = Files.createDirectories(dir).resolve("keycloak-" + version + ".unpacking");
        deleteTree(staging);
        unzip(zip, staging);
        deleteTree(dist);
        Files.move(staging.resolve("keycloak-" + version), dist, StandardCopyOption.ATOMIC_MOVE);
        deleteTree(staging);
        dist.resolve("bin/kc.sh").toFile().setExecutable(true);
        Files.writeString(marker, zip + "\n");
        return dist;
    }

    private static void unzip(Path zip, Path into) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                Path target = into.resolve(entry.getName()).normalize();
                if (!target.startsWith(into)) {
                    throw new IOException("zip entry outside the target directory: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                    if (entry.getName().endsWith(".sh")) {
                        target.toFile().setExecutable(true);
                    }
                }
            }
        }
    }

    /** A JDK that runs Keycloak 26 (21 or later), or a failure that says how to give one. */
    static Path javaHome() {
        return findJavaHome().orElseThrow(KeycloakMain::noJdk);
    }

    /** A JDK that runs Keycloak 26, if this machine has one. */
    static Optional<Path> findJavaHome() {
        String configured = System.getenv("CONNECT_KEYCLOAK_JAVA_HOME");
        if (configured != null && !configured.isBlank()) {
            return Optional.of(Path.of(configured));
        }
        if (Runtime.version().feature() >= MINIMUM_JAVA) {
            return Optional.of(Path.of(System.getProperty("java.home")));
        }
        try (Stream<Path> jdks = Files.list(Path.of("/usr/lib/jvm"))) {
            return jdks.filter(jdk -> Files.isExecutable(jdk.resolve("bin/java")))
                    .filter(jdk -> featureVersion(jdk) >= MINIMUM_JAVA)
                    .max(Comparator.comparingInt(KeycloakMain::featureVersion));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static int featureVersion(Path jdk) {
        try {
            Properties release = new Properties();
            try (InputStream in = Files.newInputStream(jdk.resolve("release"))) {
                release.load(in);
            }
            String version = release.getProperty("JAVA_VERSION", "0").replace("\"", "");
            return Integer.parseInt(version.split("[.+-]")[0]);
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }

    private static IllegalStateException noJdk() {
        return new IllegalStateException("Keycloak 26 needs Java " + MINIMUM_JAVA + " or later and none was found under"
                + " /usr/lib/jvm: install one or set CONNECT_KEYCLOAK_JAVA_HOME");
    }

    private static Properties buildProperties() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = KeycloakMain.class.getClassLoader().getResourceAsStream("local-infra/keycloak.properties")) {
            if (in == null) {
                throw new IllegalStateException("local-infra/keycloak.properties is missing: build local-infra with Maven");
            }
            properties.load(in);
        }
        return properties;
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}

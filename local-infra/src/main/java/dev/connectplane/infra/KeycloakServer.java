package dev.connectplane.infra;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A real Keycloak for the tests: {@link KeycloakMain} in a child JVM that ends with the JVM that
 * started it (and stops Keycloak as it ends), serving the {@link KeycloakRealm} on
 * {@code 127.0.0.1:<port>}. Its credentials are generated under {@code <dir>/credentials}; the
 * unpacked distribution is kept in {@code dir} for the next start.
 */
public final class KeycloakServer implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(240);

    private final Path dir;
    private final Path logFile;
    private final int port;
    private final KeycloakCredentials credentials;
    private final ChildJvm jvm;
    private final Duration startedIn;

    private KeycloakServer(Path dir, Path logFile, int port, KeycloakCredentials credentials, ChildJvm jvm,
                           Duration startedIn) {
        this.dir = dir;
        this.logFile = logFile;
        this.port = port;
        this.credentials = credentials;
        this.jvm = jvm;
        this.startedIn = startedIn;
    }

    /** Starts Keycloak with its state in {@code dir}; returns once the realm's OpenID configuration answers. */
    public static KeycloakServer start(Path dir, int port, Path logFile) {
        long started = System.nanoTime();
        int readyBefore = ChildJvm.countLogLines(logFile, KeycloakServer::isReadyLine);
        ChildJvm jvm = ChildJvm.start("Keycloak on port " + port, logFile, true, KeycloakMain.class.getName(),
                List.of("-Xmx64m"), List.of(dir.toAbsolutePath().toString(), Integer.toString(port)));
        jvm.awaitLogLine(KeycloakServer::isReadyLine, readyBefore, START_TIMEOUT);
        return new KeycloakServer(dir.toAbsolutePath(), logFile, port,
                KeycloakCredentials.loadOrCreate(dir.toAbsolutePath().resolve("credentials")), jvm,
                Duration.ofNanos(System.nanoTime() - started));
    }

    /**
     * This Keycloak stopped (if it still runs) and a new one started on the same port, directory and credentials: the
     * realm is imported afresh (in-memory database), with new signing keys.
     */
    public KeycloakServer restart() {
        close();
        return start(dir, port, logFile);
    }

    /**
     * Why Keycloak cannot run on this machine (no Java 21+ JDK under {@code /usr/lib/jvm} nor in
     * {@code CONNECT_KEYCLOAK_JAVA_HOME}), or empty when it can.
     */
    public static Optional<String> whyNotRunnableHere() {
        return KeycloakMain.findJavaHome().isPresent() ? Optional.empty()
                : Optional.of("Keycloak 26 needs a Java 21+ JDK and none is under /usr/lib/jvm or in CONNECT_KEYCLOAK_JAVA_HOME");
    }

    /** The issuer URL of the {@link KeycloakRealm#REALM} realm of a Keycloak on {@code port}. */
    public static String issuer(int port) {
        return baseUrl(port) + "/realms/" + KeycloakRealm.REALM;
    }

    private static String baseUrl(int port) {
        return "http://127.0.0.1:" + port;
    }

    public String issuer() {
        return issuer(port);
    }

    /** Keycloak's own address (its admin API is under {@code /admin}). */
    public String baseUrl() {
        return baseUrl(port);
    }

    public int port() {
        return port;
    }

    public KeycloakCredentials credentials() {
        return credentials;
    }

    /** From the launch to the realm's OpenID configuration answering. */
    public Duration startedIn() {
        return startedIn;
    }

    /** The process ID of Keycloak's own JVM (for its memory), or of the supervisor if none is found. */
    public long keycloakPid() {
        return ProcessHandle.of(jvm.pid())
                .flatMap(supervisor -> supervisor.descendants()
                        .filter(process -> process.info().command().map(command -> command.endsWith("/java")).orElse(false))
                        .findFirst())
                .map(ProcessHandle::pid)
                .orElse(jvm.pid());
    }

    @Override
    public void close() {
        jvm.stop(Duration.ofSeconds(30));
    }

    private static boolean isReadyLine(String line) {
        return line.startsWith(KeycloakMain.READY_LINE);
    }
}

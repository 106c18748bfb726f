package dev.connectplane.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** A real PostgreSQL server (zonky's packaged binaries) run from its own JVM; see {@link PostgresMain}. */
public final class PostgresServer implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final Path dir;
    private final int port;
    private final String database;
    private final boolean durable;
    private final boolean watchParent;
    private ChildJvm jvm;

    public PostgresServer(Path dir, int port, String database, boolean durable, boolean watchParent) {
        this.dir = dir;
        this.port = port;
        this.database = database;
        this.durable = durable;
        this.watchParent = watchParent;
    }

    public synchronized void start() {
        if (jvm != null && jvm.isAlive()) {
            return;
        }
        Path log = dir.resolve("postgres.log");
        int readyBefore = ChildJvm.countLogLines(log, PostgresServer::isReadyLine);
        jvm = ChildJvm.start("PostgreSQL on port " + port, log, watchParent, PostgresMain.class.getName(),
                LocalJvm.POSTGRES_LAUNCHER,
                List.of(Integer.toString(port), dir.resolve("data").toString(), database, Boolean.toString(durable)));
        jvm.awaitLogLine(PostgresServer::isReadyLine, readyBefore, START_TIMEOUT);
    }

    public synchronized void stop() {
        if (jvm != null) {
            jvm.stop(Duration.ofSeconds(30));
        }
    }

    public synchronized long pid() {
        return jvm == null ? -1 : jvm.pid();
    }

    /**
     * The postmaster's process ID, from its {@code postmaster.pid} file, or -1 when it is not
     * running. Killing it (SIGKILL) is a database crash; {@link #stop()} then {@link #start()}
     * restarts PostgreSQL on the same data directory and port, with crash recovery.
     */
    public long postmasterPid() {
        Path pidFile = dir.resolve("data").resolve("postmaster.pid");
        try {
            List<String> lines = Files.readAllLines(pidFile);
            return lines.isEmpty() ? -1 : Long.parseLong(lines.get(0).strip());
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    /** SIGKILL of the postmaster (a database crash), then PostgreSQL again on the same data and port. */
    public synchronized void crashAndRestart() {
        ChildJvm.kill(postmasterPid());
        stop();
        start();
    }

    public int port() {
        return port;
    }

    public String database() {
        return database;
    }

    @Override
    public void close() {
        stop();
    }

    private static boolean isReadyLine(String line) {
        return line.startsWith(PostgresMain.READY_LINE);
    }
}

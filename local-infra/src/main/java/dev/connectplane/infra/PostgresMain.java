package dev.connectplane.infra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Child-JVM main of the database: a real PostgreSQL (binaries from the zonky Maven artifacts)
 * on the given port and data directory, with the given database created. Prints
 * {@value #READY_LINE} when it accepts connections and stops PostgreSQL when the JVM ends.
 *
 * <p>Arguments: {@code <port> <data-dir> <database> <durable:true|false>}. Durable mode (what
 * {@code ./connect-plane up} runs) has fsync and synchronous commit on; non-durable mode turns
 * fsync off, for tests ({@link #durability}).
 */
public final class PostgresMain {

    static final String READY_LINE = "POSTGRES READY";

    private PostgresMain() {
    }

    /**
     * The settings that decide whether an acknowledged commit survives a crash, always set
     * explicitly: zonky's defaults pass {@code -F} (fsync off) and {@code synchronous_commit=off},
     * and a {@code -c} setting given after them wins. Durable (the run command): fsync,
     * synchronous commit and full-page writes on. Not durable (tests only): fsync and full-page
     * writes off, so an operating-system crash could lose data, but synchronous commit stays on,
     * so a crash of PostgreSQL itself (the fault drills kill the postmaster) loses nothing that
     * was acknowledged.
     */
    static Map<String, String> durability(boolean durable) {
        String value = durable ? "on" : "off";
        return Map.of("fsync", value, "synchronous_commit", "on", "full_page_writes", value);
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        Path dataDir = Path.of(args[1]);
        String database = args[2];
        boolean durable = Boolean.parseBoolean(args[3]);
        Files.createDirectories(dataDir);
        PostgresVersion.requireCompatible(dataDir, PostgresVersion.major());
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setPort(port)
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setServerConfig("max_connections", "200")
                .setServerConfig("listen_addresses", "127.0.0.1")
                // Commit times of rows, for benchmarks that measure commit-to-Kafka delay.
                .setServerConfig("track_commit_timestamp", "on");
        durability(durable).forEach(builder::setServerConfig);
        EmbeddedPostgres postgres = builder.start();
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            try (ResultSet rs = statement.executeQuery(
                    "select 1 from pg_database where datname = '" + database.replace("'", "''") + "'")) {
                if (!rs.next()) {
                    statement.execute("create database \"" + database.replace("\"", "") + "\"");
                }
            }
        }
        // A machine's first start unpacked PostgreSQL here (its xz dictionary alone is 64 MiB of
        // heap); the serial collector gives heap back only after a full collection, and this
        // JVM, which only copies PostgreSQL's log from now on, would otherwise keep it: 143 MiB
        // of heap after a first start, 45 MiB after this (LocalJvm.POSTGRES_LAUNCHER).
        System.gc();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                postgres.close();
            } catch (Exception e) {
                System.err.println("stopping PostgreSQL failed: " + e);
            }
        }, "postgres-stop"));
        System.out.println(READY_LINE + " " + port);
        System.out.flush();
        new CountDownLatch(1).await();
    }
}

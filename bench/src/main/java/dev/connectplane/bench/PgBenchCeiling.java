package dev.connectplane.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The machine's ceiling for a create: pgbench running a comparable transaction directly
 * against the same PostgreSQL, with the same number of clients.
 */
final class PgBenchCeiling {

    private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+)");

    private PgBenchCeiling() {
    }

    static Optional<Path> find() {
        List<Path> candidates = new ArrayList<>();
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            candidates.add(Path.of(dir, "pgbench"));
        }
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            versions.map(v -> v.resolve("bin/pgbench")).forEach(candidates::add);
        } catch (IOException e) {
            // no Debian PostgreSQL installed
        }
        return candidates.stream().filter(Files::isExecutable).findFirst();
    }

    /** Runs a script once, for setup (DDL). */
    static void runOnce(Path pgbench, String host, int port, String database, String script, Path workDir)
            throws IOException, InterruptedException {
        execute(pgbench, host, port, database, workDir, script, "-c", "1", "-t", "1");
    }

    /** Runs one pgbench script for {@code seconds} with {@code clients} clients and returns its TPS. */
    static double run(Path pgbench, String host, int port, String database, int clients, int seconds,
                      String script, Path workDir) throws IOException, InterruptedException {
        return execute(pgbench, host, port, database, workDir, script,
                "-c", Integer.toString(clients), "-j", "2", "-T", Integer.toString(seconds));
    }

    private static double execute(Path pgbench, String host, int port, String database, Path workDir,
                                  String script, String... load) throws IOException, InterruptedException {
        Path file = workDir.resolve("pgbench-" + Integer.toHexString(script.hashCode()) + ".sql");
        Files.writeString(file, script);
        List<String> command = new ArrayList<>(List.of(pgbench.toString(), "-n"));
        command.addAll(List.of(load));
        command.addAll(List.of("-f", file.toString(), "-h", host, "-p", Integer.toString(port), "-U", "postgres",
                database));
        int seconds = 600;
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        process.waitFor(seconds + 60L, TimeUnit.SECONDS);
        Matcher matcher = TPS.matcher(output);
        if (!matcher.find()) {
            throw new IllegalStateException("pgbench printed no TPS:\n" + output);
        }
        return Double.parseDouble(matcher.group(1));
    }
}

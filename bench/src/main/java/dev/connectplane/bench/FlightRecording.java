package dev.connectplane.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A JFR recording (the {@code profile} settings) of one service process over one window of a
 * benchmark, started and dumped with {@code jcmd}, so that the profile holds the window only and
 * not the fixture's setup around it. Read it with {@code jfr view hot-methods FILE} (JDK 21+) or
 * JDK Mission Control.
 */
final class FlightRecording {

    private final long pid;
    private final Path file;
    private final String name;

    private FlightRecording(long pid, Path file, String name) {
        this.pid = pid;
        this.file = file;
        this.name = name;
    }

    /** Starts recording the process; the recording is written to {@code file} by {@link #dump}. */
    static FlightRecording start(long pid, Path file) throws Exception {
        String name = "bench-" + System.nanoTime();
        Files.createDirectories(file.toAbsolutePath().getParent());
        jcmd(pid, "JFR.start", "name=" + name, "settings=profile");
        return new FlightRecording(pid, file, name);
    }

    /** Writes the recording so far to its file and stops it. */
    Path dump() throws Exception {
        jcmd(pid, "JFR.dump", "name=" + name, "filename=" + file.toAbsolutePath());
        jcmd(pid, "JFR.stop", "name=" + name);
        return file;
    }

    private static void jcmd(long pid, String... command) throws Exception {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        List<String> line = new ArrayList<>(List.of(jcmd.toString(), String.valueOf(pid)));
        line.addAll(List.of(command));
        Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("jcmd " + String.join(" ", command) + " failed: " + output);
        }
    }
}

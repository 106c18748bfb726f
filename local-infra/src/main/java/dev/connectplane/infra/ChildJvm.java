package dev.connectplane.infra;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * A child JVM running one of this module's mains through {@link WatchedMain}, with its output in
 * a log file. Its classpath is this module's classes plus the broker and database jars that the
 * build resolved into {@code local-infra/child.classpath}, so none of those jars reach the JVM
 * that starts it.
 */
final class ChildJvm {

    private final String name;
    private final Process process;
    private final Path logFile;

    private ChildJvm(String name, Process process, Path logFile) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
    }

    /**
     * Starts {@code mainClass} in a new JVM.
     *
     * @param watchParent whether the child ends when this JVM ends
     */
    static ChildJvm start(String name, Path logFile, boolean watchParent, String mainClass,
                          List<String> jvmOptions, List<String> args) {
        List<String> options = new ArrayList<>(jvmOptions);
        options.add("-Dlog4j2.configurationFile=classpath:local-infra/log4j2.xml");
        return startOn(classpath(), name, logFile, watchParent, mainClass, options, args);
    }

    /**
     * Starts {@code mainClass} in a new JVM on another classpath than this module's children: this
     * module's own classes (for {@link WatchedMain}) and {@code classpath}.
     */
    static ChildJvm startOn(String classpath, String name, Path logFile, boolean watchParent, String mainClass,
                            List<String> jvmOptions, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classpath.startsWith(self()) ? classpath : self() + File.pathSeparator + classpath);
        command.add(WatchedMain.class.getName());
        command.add(watchParent ? Long.toString(ProcessHandle.current().pid()) : "0");
        command.add(mainClass);
        command.addAll(args);
        try {
            Files.createDirectories(logFile.getParent());
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            LocalJvm.defaults(builder.environment());
            Process process = builder.start();
            return new ChildJvm(name, process, logFile);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name, e);
        }
    }

    /** Waits until the log holds more lines matching {@code readyLine} than it held before, failing early if the process dies. */
    void awaitLogLine(Predicate<String> readyLine, int seenBefore, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (countLogLines(readyLine) > seenBefore) {
                return;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with status " + process.exitValue()
                        + " before it was ready: " + lastLine() + "; log " + logFile + ":\n" + tail());
            }
            sleepQuietly(50);
        }
        stop(Duration.ofSeconds(5));
        throw new IllegalStateException(name + " was not ready within " + timeout + "; log " + logFile + ":\n" + tail());
    }

    boolean isAlive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    /** Asks the process to stop (SIGTERM, so its shutdown hooks run), then kills it after the grace time. */
    void stop(Duration grace) {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** How many lines of the log match; a restarted process appends to the same log. */
    int countLogLines(Predicate<String> line) {
        return countLogLines(logFile, line);
    }

    /** SIGKILL of a process, as a crash would end it: no shutdown hook runs. Waits until it is gone. */
    static void kill(long pid) {
        ProcessHandle process = ProcessHandle.of(pid)
                .orElseThrow(() -> new IllegalStateException("no process " + pid + " to kill"));
        process.destroyForcibly();
        try {
            process.onExit().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while killing " + pid, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("process " + pid + " did not end after SIGKILL", e);
        }
    }

    static int countLogLines(Path logFile, Predicate<String> line) {
        return (int) readLog(logFile).lines().filter(line).count();
    }

    private String readLog() {
        return readLog(logFile);
    }

    private static String readLog(Path logFile) {
        try {
            return Files.exists(logFile) ? Files.readString(logFile, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "";
        }
    }

    /** The last line the child wrote: mostly why it ended. */
    private String lastLine() {
        List<String> lines = readLog().lines().filter(line -> !line.isBlank()).toList();
        return lines.isEmpty() ? "(nothing logged)" : lines.get(lines.size() - 1);
    }

    private String tail() {
        List<String> lines = readLog().lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }

    private static String classpath() {
        try (InputStream in = ChildJvm.class.getClassLoader().getResourceAsStream("local-infra/child.classpath")) {
            if (in == null) {
                throw new IllegalStateException("local-infra/child.classpath is missing: build local-infra with Maven");
            }
            String jars = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            return self() + File.pathSeparator + jars;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where this module's classes are: its jar, or its classes directory. */
    private static String self() {
        try {
            return Path.of(ChildJvm.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}

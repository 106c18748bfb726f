package dev.connectplane.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The memory the stack's processes hold now: every descendant of this benchmark process (the
 * services, the broker, the JVM that runs PostgreSQL) and the PostgreSQL server whose data is
 * under the stack's directory with its backends ({@code pg_ctl} detaches the postmaster, so it is
 * no descendant), grouped by role, each as the sum of its processes' resident set (RSS,
 * {@code /proc/PID/status}) and proportional set (PSS, {@code /proc/PID/smaps_rollup}).
 * PostgreSQL's backends each map the same shared buffers, so their RSS counts those many times
 * over; PSS shares a page among the processes that map it, and its sum is what the stack really
 * takes.
 */
final class StackMemory {

    /** One role's processes. */
    record Share(int processes, long rssKib, long pssKib) {

        Share plus(long rss, long pss) {
            return new Share(processes + 1, rssKib + rss, pssKib + pss);
        }
    }

    private StackMemory() {
    }

    /** Role → its processes' memory, in KiB. */
    static Map<String, Share> now(Path stackDir) {
        Map<String, Share> roles = new TreeMap<>();
        Stream<ProcessHandle> postgres = ProcessHandle.allProcesses()
                .filter(process -> commandLine(process.pid()).contains("/bin/postgres -D " + stackDir))
                .flatMap(postmaster -> Stream.concat(Stream.of(postmaster), postmaster.descendants()));
        Stream.concat(ProcessHandle.current().descendants(), postgres).distinct().forEach(process -> {
            String role = role(commandLine(process.pid()));
            if (role == null) {
                return;
            }
            long rss = kib(process.pid(), "status", "VmRSS:");
            long pss = kib(process.pid(), "smaps_rollup", "Pss:");
            roles.merge(role, new Share(1, rss, pss), (a, b) -> a.plus(b.rssKib(), b.pssKib()));
        });
        return roles;
    }

    /** Prints one line per role and the totals; returns the total PSS in KiB. */
    static long print(Path stackDir, String when) {
        Map<String, Share> roles = now(stackDir);
        System.out.printf("memory %s:%n  %-22s %9s %9s %9s%n", when, "role", "processes", "RSS MiB", "PSS MiB");
        long rss = 0;
        long pss = 0;
        for (Map.Entry<String, Share> role : roles.entrySet()) {
            Share share = role.getValue();
            System.out.printf("  %-22s %9d %9d %9d%n", role.getKey(), share.processes(), share.rssKib() / 1024,
                    share.pssKib() / 1024);
            rss += share.rssKib();
            pss += share.pssKib();
        }
        System.out.printf("  %-22s %9s %9d %9d%n", "whole stack", "", rss / 1024, pss / 1024);
        return pss;
    }

    /** What a process is in the stack, from its command line; null for a helper not worth a line (unshare, a shell). */
    static String role(String commandLine) {
        if (commandLine.contains("quarkus-app/quarkus-run.jar")) {
            for (String service : List.of("server-service", "access-service", "token-service", "audit-service")) {
                if (commandLine.contains(service + "/target")) {
                    return service;
                }
            }
            return "other service";
        }
        if (commandLine.contains("KafkaMain")) {
            return "kafka";
        }
        if (commandLine.contains("PostgresMain") || commandLine.contains("PostgresServer")) {
            return "postgresql (its JVM)";
        }
        if (commandLine.contains("/bin/postgres") || commandLine.startsWith("postgres")) {
            return "postgresql";
        }
        return commandLine.contains("java") ? "other JVM" : null;
    }

    /** The whole command line ({@code ProcessHandle.Info} cuts a long class path short, main class and all). */
    private static String commandLine(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")), StandardCharsets.UTF_8)
                    .replace('\0', ' ').strip();
        } catch (IOException e) {
            return "";
        }
    }

    private static long kib(long pid, String file, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), file))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.substring(field.length()).replace("kB", "").strip());
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }
}

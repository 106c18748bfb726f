package dev.connectplane.bench;

import dev.connectplane.contracts.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Every benchmark once, one after the other on one stack (PostgreSQL durable, Kafka, the
 * services), then one table of every figure beside the ceiling measured in the same run. A stack
 * per benchmark would spend most of the run starting services; here each service starts when
 * the first benchmark that needs it does, so each benchmark runs beside the services its own
 * script starts and no others: the audit benchmark first, alone with audit-service, which then
 * stops until the memory figure; and each starts once the stack has finished what the one before
 * left behind ({@link StackQuiet}). The memory figure comes last,
 * so it counts all the other benchmarks' work as well as its own operations.
 *
 * <p>Arguments: {@code [small|full]}. {@code small} (the default) runs each with small loads
 * (583 s on this machine on 2026-12-03); {@code full} with each benchmark's own defaults (its script's).
 */
public final class AllBenchmarks {

    /** How long the stack may take to finish what a benchmark left behind. */
    private static final Duration QUIET_PATIENCE = Duration.ofMinutes(3);

    private AllBenchmarks() {
    }

    public static void main(String[] args) throws Exception {
        boolean full = args.length > 0 && args[0].equals("full");
        if (args.length > 0 && !full && !args[0].equals("small")) {
            throw new IllegalArgumentException("usage: bench/all.sh [small|full]");
        }
        Path root = Path.of(System.getProperty("connect.root", ".")).toAbsolutePath().normalize();
        System.out.printf("all benchmarks (%s), %d cores%n", full ? "full" : "small", Runtime.getRuntime().availableProcessors());
        long started = System.nanoTime();
        try (BenchStack stack = BenchStack.start(root, "all-run", Topics.all())) {
            prepare(stack, root, "audit", "audit-service");
            AuditBenchmark.run(stack, root, full ? new AuditBenchmark.Load(1000, 30, 100_000, 2, 20_000)
                    : new AuditBenchmark.Load(1000, 10, 20_000, 1, 5_000));
            stack.stopService("audit-service");
            prepare(stack, root, "server create", "server-service");
            ServerCreateBenchmark.run(stack, root, full ? 5000 : 1000, 32, full ? 3000 : 500, 200);
            prepare(stack, root, "access", "server-service", "access-service");
            AccessBenchmark.run(stack, root, full ? 1000 : 300, 100, 32);
            prepare(stack, root, "commands", "server-service", "access-service", "token-service");
            CommandsBenchmark.run(stack, root, full ? 2000 : 500, full ? 2 : 1);
            prepare(stack, root, "revocation", "server-service", "access-service", "token-service");
            RevocationBenchmark.run(stack, root, full ? new int[] {1, 100, 10_000} : new int[] {1, 10_000},
                    full ? new int[] {10, 5, 3} : new int[] {10, 1});
            prepare(stack, root, "cli", "server-service", "access-service", "token-service");
            CliBenchmark.run(stack, root, 10);
            prepare(stack, root, "memory", "server-service", "access-service", "token-service", "audit-service");
            MemoryBenchmark.run(stack, root, full ? 5000 : 1000, 4);
        }
        String table = Summary.table(Summary.figures());
        System.out.printf("%n== summary (%s run, %.0f s, durable PostgreSQL, %d cores) ==%n%s", full ? "full" : "small",
                (System.nanoTime() - started) / 1e9, Runtime.getRuntime().availableProcessors(), table);
        Path written = root.resolve("bench/target/all-summary.md");
        Files.writeString(written, table);
        System.out.println("written to " + root.relativize(written));
    }

    /** Starts the services the next benchmark needs that are not running yet, and waits until the stack is quiet. */
    private static void prepare(BenchStack stack, Path root, String name, String... services) throws Exception {
        System.out.printf("%n==== %s ====%n", name);
        for (String service : services) {
            stack.startService(root, service);
        }
        StackQuiet.await(stack, QUIET_PATIENCE);
    }
}

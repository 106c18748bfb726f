package dev.connectplane.bench;

import dev.connectplane.bench.faults.DrillHttp;
import dev.connectplane.bench.faults.Ledger;
import dev.connectplane.bench.faults.MixedLoad;
import dev.connectplane.contracts.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The whole local stack's memory: PostgreSQL (durable), Kafka and the four services started as
 * the run command starts them, measured once ready and again after {@code operations}
 * acknowledged operations of the drills' mixed load ({@link MixedLoad}: servers created with two
 * vaults, tokens created and deleted, group grants and revokes, vault trims, server deletes),
 * against the 2 GiB a laptop's local stack should fit in.
 *
 * <p>Arguments: {@code [operations=5000] [workers=4]}.
 */
public final class MemoryBenchmark {

    private static final long CEILING_MIB = 2048;
    /** How long the load may take before the benchmark gives up (5,000 operations took 92–128 s here). */
    private static final Duration PATIENCE = Duration.ofMinutes(15);

    private MemoryBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int operations = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        int workers = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        Path root = Path.of(System.getProperty("connect.root", ".")).toAbsolutePath().normalize();
        System.out.printf("memory benchmark: the whole stack, then %d operations by %d workers, %d cores%n", operations,
                workers, Runtime.getRuntime().availableProcessors());
        try (BenchStack stack = BenchStack.start(root, "memory-run", Topics.all())) {
            run(stack, root, operations, workers);
        }
    }

    /**
     * The benchmark on a running stack (all four services; those not running yet are started);
     * its figure goes to the {@link Summary}. On a stack other benchmarks have used, the figure
     * counts what they did too.
     */
    static void run(BenchStack stack, Path root, int operations, int workers) throws Exception {
        for (String service : List.of("server-service", "access-service", "token-service", "audit-service")) {
            stack.startService(root, service);
        }
        DrillHttp http = new DrillHttp(stack.bearer("memory-admin", "Owners"));
        FaultsBenchmark.awaitDirectory(stack, http);
        StackMemory.print(stack.dir(), "once ready");

        Ledger ledger = new Ledger();
        MixedLoad load = new MixedLoad(stack, http, ledger, 3);
        long started = System.nanoTime();
        load.start(workers);
        long deadline = started + PATIENCE.toNanos();
        while (ledger.acknowledgedOperations() < operations) {
            if (System.nanoTime() > deadline) {
                load.stop();
                throw new IllegalStateException("only " + ledger.acknowledgedOperations() + " of " + operations
                        + " operations acknowledged in " + PATIENCE.toMinutes() + " minutes; refused: "
                        + ledger.refusalSamples());
            }
            Thread.sleep(100);
        }
        load.stop();
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("%d operations acknowledged in %.0f s (%.0f/s), %d refused, %d with an unknown outcome%n",
                ledger.acknowledgedOperations(), seconds, ledger.acknowledgedOperations() / seconds,
                ledger.refusedOperations(), ledger.unknownOutcomes());
        long pss = StackMemory.print(stack.dir(), "after the operations");
        System.out.printf("whole stack: %d MiB (PSS) against a ceiling of %d MiB: %.0f%%%n", pss / 1024, CEILING_MIB,
                100.0 * pss / 1024 / CEILING_MIB);
        Summary.add(new Figure("whole stack memory (PSS) after " + ledger.acknowledgedOperations() + " more operations",
                "≤ " + CEILING_MIB + " MiB", pss / 1024.0, Double.NaN, "MiB", "-"));
    }
}

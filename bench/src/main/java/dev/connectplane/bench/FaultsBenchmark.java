package dev.connectplane.bench;

import dev.connectplane.bench.faults.DrillHttp;
import dev.connectplane.bench.faults.FaultDrill;
import dev.connectplane.bench.faults.FaultDrill.Fault;
import dev.connectplane.bench.faults.FaultDrill.Result;
import dev.connectplane.bench.faults.Findings;
import dev.connectplane.contracts.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The long fault drills: the whole stack as processes on a durable PostgreSQL, a mixed load, and
 * per fault (each service, the broker and PostgreSQL killed with SIGKILL and restarted, and
 * token-service's connection terminated in the middle of a server deletion's cascade) the
 * operations acknowledged and how many were lost, resurrected, duplicated or out of order, the
 * time until the stack worked again and until every check passed, and the 5xx answers.
 *
 * <p>Arguments: {@code [before-seconds] [after-seconds] [workers] [cascade-tokens] [faults]},
 * defaults 5, 10, 4, 10000 and every fault (a comma-separated list of
 * {@code server-service,access-service,token-service,audit-service,kafka,postgresql,cascade-connection}).
 */
public final class FaultsBenchmark {

    private FaultsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int before = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int after = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int workers = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        int cascadeTokens = args.length > 3 ? Integer.parseInt(args[3]) : 10_000;
        List<Fault> faults = args.length > 4 ? Arrays.stream(args[4].split(","))
                .map(name -> Fault.valueOf(name.strip().toUpperCase().replace('-', '_'))).toList() : List.of(Fault.values());
        Path root = Path.of(System.getProperty("connect.root", ".")).toAbsolutePath().normalize();
        System.out.printf("fault drills: %d s of load before each fault and %d s after, %d workers, a %d-token cascade, "
                + "durable PostgreSQL, %d cores%n", before, after, workers, cascadeTokens, Runtime.getRuntime().availableProcessors());

        try (BenchStack stack = BenchStack.start(root, "faults-run", Topics.all())) {
            for (String service : List.of("server-service", "access-service", "token-service", "audit-service")) {
                stack.startService(root, service);
            }
            FaultDrill drill = new FaultDrill(stack, new FaultDrill.Settings(workers, 3, Duration.ofSeconds(before),
                    Duration.ofSeconds(after), Duration.ofSeconds(180), cascadeTokens));
            awaitDirectory(stack, drill.http());
            List<Result> results = new ArrayList<>();
            for (Fault fault : faults) {
                Result result = drill.run(fault);
                results.add(result);
                System.out.printf("  %-20s %s%n", fault.name().toLowerCase().replace('_', '-'), line(result));
            }
            System.out.println("every service killed and restarted; every drill checked again:");
            List<Findings> afterRestart = drill.afterRestartingEveryService(results);
            System.out.printf("%n%-20s %12s %6s %12s %11s %13s %12s %13s %5s%n", "fault", "acknowledged", "lost",
                    "resurrected", "duplicated", "out of order", "working in", "consistent in", "5xx");
            for (int i = 0; i < results.size(); i++) {
                Result result = results.get(i);
                Findings restarted = afterRestart.get(i);
                System.out.printf("%-20s %12d %6d %12d %11d %13d %11.1fs %12.1fs %5d%n",
                        result.fault().name().toLowerCase().replace('_', '-'), result.acknowledged(),
                        result.findings().lost() + restarted.lost(), restarted.resurrected(),
                        Math.max(result.findings().duplicated(), restarted.duplicated()),
                        Math.max(result.findings().outOfOrder(), restarted.outOfOrder()),
                        result.recoverySeconds(), result.convergedSeconds(), result.serverErrors());
                if (!result.findings().clean() || !restarted.clean()) {
                    System.out.println("    " + result.findings() + " / after the restart: " + restarted);
                }
                if (result.ledger().refusedOperations() > 0) {
                    System.out.println("    refused: " + result.ledger().refusalSamples());
                }
            }
            System.out.println("answers by status over the whole run: " + drill.http().statuses());
            System.out.println("memory: " + stack.memory());
        }
    }

    private static String line(Result result) {
        return String.format("acknowledged %d (unknown outcome %d, refused %d), %s, working again in %.1f s, consistent "
                        + "%.1f s after the load, %d 5xx", result.acknowledged(), result.ledger().unknownOutcomes(),
                result.ledger().refusedOperations(), result.findings(), result.recoverySeconds(), result.convergedSeconds(),
                result.serverErrors());
    }

    static void awaitDirectory(BenchStack stack, DrillHttp http) throws InterruptedException {
        for (int i = 0; i < 300; i++) {
            DrillHttp.Answer directory = http.send("GET", stack.url("server-service") + "/v1/vault-directory", null);
            if (directory.is(200) && directory.body().contains("\"Customers\"")) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("server-service never learned the seeded vault directory");
    }
}

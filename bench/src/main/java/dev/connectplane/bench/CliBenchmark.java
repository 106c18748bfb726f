package dev.connectplane.bench;

import dev.connectplane.infra.ServiceProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * connectctl as a user runs it: {@code ./connectctl server get NAME} and
 * {@code ./connectctl token list --server NAME}, each {@code runs} times, wall time of the whole
 * process (JVM start included), beside {@code curl} asking the same endpoint the same number of
 * times. The first command after a build trains the CLI's class-data sharing; one untimed run
 * of each command comes first so that it is not counted.
 *
 * <p>Arguments: {@code [runs=10]}.
 */
public final class CliBenchmark {

    private CliBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        Path root = Path.of(System.getProperty("connect.root", ".")).toAbsolutePath().normalize();
        System.out.printf("cli benchmark: %d runs of each command, %d cores%n", runs, Runtime.getRuntime().availableProcessors());
        try (BenchStack stack = BenchStack.start(root, "cli-run", TokenFixture.TOPICS)) {
            run(stack, root, runs);
        }
    }

    /** The benchmark on a running stack; its figures go to the {@link Summary}. */
    static void run(BenchStack stack, Path root, int runs) throws Exception {
        HttpLoad load = new HttpLoad();
        TokenFixture fixture = TokenFixture.start(stack, root, load);
        String name = "cli-" + UUID.randomUUID().toString().substring(0, 8);
        TokenFixture.Server server = fixture.server(name);
        fixture.tokens(server, 3, 1);
        String bearer = stack.bearer("cli-bench", "Owners");
        ServiceProcess servers = fixture.servers();
        ServiceProcess tokens = fixture.tokens();
        Map<String, String> env = Map.of("CONNECT_TOKEN", bearer.substring("Bearer ".length()),
                "CONNECT_SERVER_API", servers.baseUrl(), "CONNECT_TOKEN_API", tokens.baseUrl(),
                "CONNECT_ACCESS_API", stack.url("access-service"));
        String connectctl = root.resolve("connectctl").toString();
        List<List<String>> commands = List.of(List.of(connectctl, "server", "get", name),
                List.of(connectctl, "token", "list", "--server", name));
        List<List<String>> curls = List.of(curl(bearer, servers.baseUrl() + "/v1/servers/" + name),
                curl(bearer, tokens.baseUrl() + "/v1/servers/" + server.id() + "/tokens"));
        for (int c = 0; c < commands.size(); c++) {
            String label = String.join(" ", commands.get(c).subList(1, commands.get(c).size())).replace(name, "NAME");
            time(commands.get(c), env, root);
            double[] cli = new double[runs];
            double[] bare = new double[runs];
            for (int r = 0; r < runs; r++) {
                cli[r] = time(commands.get(c), env, root);
                bare[r] = time(curls.get(c), Map.of(), root);
            }
            Arrays.sort(cli);
            Arrays.sort(bare);
            System.out.printf(Locale.ROOT, "connectctl %-26s min %.3f s, median %.3f s, max %.3f s (n=%d); curl of the "
                    + "same endpoint: min %.3f, median %.3f, max %.3f s%n", label, cli[0], median(cli), cli[runs - 1], runs,
                    bare[0], median(bare), bare[runs - 1]);
            Summary.add(new Figure(String.format(Locale.ROOT, "connectctl %s (median of %d; min %.3f, max %.3f)", label,
                    runs, cli[0], cli[runs - 1]), "≤ 0.3 s", median(cli), median(bare), "s", "curl of the same endpoint"));
        }
    }

    private static List<String> curl(String bearer, String url) {
        return List.of("curl", "-sf", "-o", "/dev/null", "-H", "Authorization: " + bearer, url);
    }

    /** Runs the command to its end; its wall time in seconds. Fails when it exits with an error. */
    private static double time(List<String> command, Map<String, String> env, Path root) throws IOException,
            InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true);
        Path out = Files.createTempFile("cli-bench", ".out");
        builder.redirectOutput(out.toFile());
        builder.environment().putAll(env);
        long start = System.nanoTime();
        Process process = builder.start();
        int status = process.waitFor();
        double seconds = (System.nanoTime() - start) / 1e9;
        String output = Files.readString(out);
        Files.delete(out);
        if (status != 0) {
            throw new IllegalStateException(String.join(" ", command.subList(0, Math.min(4, command.size())))
                    + " exited with " + status + ": " + output);
        }
        return seconds;
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}

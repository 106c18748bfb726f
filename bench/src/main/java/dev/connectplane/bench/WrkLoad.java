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

/**
 * wrk (Debian's package) as the load generator: one C thread instead of the JVM's HTTP client,
 * so that more of the two cores go to the system under test. Used where it is installed.
 */
final class WrkLoad {

    private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");

    /** What wrk printed, reduced to the figures the report needs. */
    record Result(double requestsPerSecond, long non2xx, String latency) {
    }

    private WrkLoad() {
    }

    static Optional<Path> find() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path wrk = Path.of(dir, "wrk");
            if (Files.isExecutable(wrk)) {
                return Optional.of(wrk);
            }
        }
        return Optional.empty();
    }

    /** POSTs JSON bodies {@code {"name": "<prefix>-<n>"}} to {@code url} with {@code connections} for {@code seconds}. */
    static Result postUniqueNames(Path wrk, String url, String prefix, int connections, int seconds, Path workDir)
            throws IOException, InterruptedException {
        Path script = workDir.resolve("wrk-create.lua");
        Files.writeString(script, String.join("\n",
                "local counter = 0",
                "request = function()",
                "  counter = counter + 1",
                "  local body = string.format('{\"name\":\"" + prefix + "-%d\"}', counter)",
                "  return wrk.format('POST', nil, {['Content-Type'] = 'application/json'}, body)",
                "end", ""));
        List<String> command = new ArrayList<>(List.of(wrk.toString(), "-t1", "-c" + connections, "-d" + seconds + "s",
                "--latency", "-s", script.toString(), url));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        process.waitFor(seconds + 60L, TimeUnit.SECONDS);
        Matcher rate = RATE.matcher(output);
        if (!rate.find()) {
            throw new IllegalStateException("wrk printed no rate:\n" + output);
        }
        Matcher non2xx = NON_2XX.matcher(output);
        String latency = output.lines().filter(l -> l.matches("\\s+(50|99)%.*")).map(String::strip)
                .reduce((a, b) -> a + ", " + b).orElse("");
        return new Result(Double.parseDouble(rate.group(1)), non2xx.find() ? Long.parseLong(non2xx.group(1)) : 0,
                latency);
    }
}

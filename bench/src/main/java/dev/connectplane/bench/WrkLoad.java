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
    private static final Pattern TOTAL = Pattern.compile("(\\d+) requests in ([0-9.]+)(m?s)");

    /** What wrk printed, reduced to the figures the report needs. */
    record Result(double requestsPerSecond, long requests, double seconds, long non2xx, String latency) {

        /** Answers with a 2xx status per second. */
        double successesPerSecond() {
            return (requests - non2xx) / seconds;
        }
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
        return run(wrk, url, String.join("\n",
                "local counter = 0",
                "request = function()",
                "  counter = counter + 1",
                "  local body = string.format('{\"name\":\"" + prefix + "-%d\"}', counter)",
                "  return wrk.format('POST', nil, {['Content-Type'] = 'application/json', ['Authorization'] = wrk.headers['Authorization']}, body)",
                "end", ""), connections, seconds, workDir);
    }

    /** Runs wrk with a Lua script that defines {@code request()}. */
    static Result run(Path wrk, String url, String luaScript, int connections, int seconds, Path workDir)
            throws IOException, InterruptedException {
        Path script = workDir.resolve("wrk-" + Integer.toHexString(luaScript.hashCode()) + ".lua");
        String bearer = HttpLoad.authorization() == null ? ""
                : "wrk.headers['Authorization'] = '" + HttpLoad.authorization() + "'\n";
        Files.writeString(script, bearer + luaScript);
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
        Matcher total = TOTAL.matcher(output);
        if (!total.find()) {
            throw new IllegalStateException("wrk printed no request count:\n" + output);
        }
        double totalSeconds = Double.parseDouble(total.group(2)) / (total.group(3).equals("ms") ? 1000 : 1);
        String latency = output.lines().filter(l -> l.matches("\\s+(50|99)%.*")).map(String::strip)
                .reduce((a, b) -> a + ", " + b).orElse("");
        return new Result(Double.parseDouble(rate.group(1)), Long.parseLong(total.group(1)), totalSeconds,
                non2xx.find() ? Long.parseLong(non2xx.group(1)) : 0, latency);
    }
}

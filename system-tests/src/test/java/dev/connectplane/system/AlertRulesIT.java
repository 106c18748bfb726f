package dev.connectplane.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.connectplane.testing.TestIdentities;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The operators' files hold against the running services: every metric the Prometheus alerting
 * rules ({@code observability/prometheus/alerts.yml}) and the Grafana dashboard
 * ({@code observability/grafana/connect-control-plane.json}) query is one that a service of the
 * stack exports on {@code /q/metrics}. Where Prometheus's {@code promtool} is installed (Debian's
 * {@code prometheus} package has it), the rules are also checked and their unit tests
 * ({@code alerts-test.yml}) run with it; where it is not, that part says so and the metric check
 * still holds.
 */
class AlertRulesIT {

    /** A metric of ours, of a library binder we rely on, or of the HTTP server: what the files may query. */
    private static final Pattern METRIC = Pattern.compile("\\b((?:connect|cache|http_server)_[a-z0-9_]+)");
    private static final Pattern LABELS = Pattern.compile("\\{[^}]*}");
    private static final Pattern GROUPING = Pattern.compile("\\b(?:by|without|on|ignoring)\\s*\\([^)]*\\)");

    private static SystemStack stack;
    private static Path root;

    @BeforeAll
    static void start() throws Exception {
        stack = SystemStack.shared();
        root = Path.of(System.getProperty("connect.root", "..")).toAbsolutePath().normalize();
    }

    @Test
    void everyMetricTheAlertsAndTheDashboardQueryIsExported() throws Exception {
        Map<String, Set<String>> queried = new TreeMap<>();
        for (String expression : alertExpressions()) {
            metricsIn(expression).forEach(metric -> queried.computeIfAbsent(metric, m -> new TreeSet<>()).add("alerts.yml"));
        }
        for (String expression : dashboardExpressions()) {
            metricsIn(expression).forEach(metric -> queried.computeIfAbsent(metric, m -> new TreeSet<>()).add("dashboard"));
        }
        assertThat(queried).as("metrics the files query").hasSizeGreaterThan(15);
        // a request each, as any running service has served: the HTTP server's series come with the first
        StackHttp http = new StackHttp(TestIdentities.bearer("alerts-admin", TestIdentities.MANAGERS_GROUP));
        for (String service : SystemStack.SERVICES) {
            assertThat(http.get(stack.url(service) + "/q/health/live").status()).isEqualTo(200);
            assertThat(http.get(stack.url(service) + "/v1/operations/dead-letters").status()).isEqualTo(200);
        }
        // the consumer-lag gauges come with the first measurement, a lag interval after each start
        List<String> missing = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2))
                .until(() -> missing(queried.keySet(), exported()), List::isEmpty);
        assertThat(missing).isEmpty();
    }

    @Test
    void promtoolAcceptsTheRulesAndTheirUnitTestsPass() throws Exception {
        Path rules = root.resolve("observability/prometheus");
        if (!onPath("promtool")) {
            System.out.println("promtool is not installed (apt-get install prometheus): the rules were checked by "
                    + "the metric check alone");
            return;
        }
        assertThat(run(rules, "promtool", "check", "rules", "alerts.yml")).contains("SUCCESS");
        assertThat(run(rules, "promtool", "test", "rules", "alerts-test.yml")).contains("SUCCESS");
        assertThat(run(rules, "promtool", "check", "config", "prometheus.yml")).contains("SUCCESS");
    }

    private static List<String> alertExpressions() throws IOException {
        JsonNode rules = new ObjectMapper(new YAMLFactory())
                .readTree(root.resolve("observability/prometheus/alerts.yml").toFile());
        List<String> expressions = new ArrayList<>();
        rules.path("groups").forEach(group -> group.path("rules").forEach(rule -> {
            assertThat(rule.path("alert").asText()).as("rule %s", rule).isNotBlank();
            assertThat(rule.path("annotations").path("summary").asText()).as("rule %s", rule).isNotBlank();
            expressions.add(rule.path("expr").asText());
        }));
        assertThat(expressions).hasSizeGreaterThanOrEqualTo(8).doesNotContain("");
        return expressions;
    }

    private static List<String> dashboardExpressions() throws IOException {
        JsonNode dashboard = new ObjectMapper()
                .readTree(root.resolve("observability/grafana/connect-control-plane.json").toFile());
        List<String> expressions = new ArrayList<>();
        dashboard.path("panels").forEach(panel -> panel.path("targets")
                .forEach(target -> expressions.add(target.path("expr").asText())));
        assertThat(expressions).hasSizeGreaterThan(15).doesNotContain("");
        return expressions;
    }

    /** The metric names a PromQL expression reads (label matchers and groupings left out). */
    static Set<String> metricsIn(String expression) {
        String bare = GROUPING.matcher(LABELS.matcher(expression).replaceAll("")).replaceAll("");
        Set<String> metrics = new TreeSet<>();
        Matcher matcher = METRIC.matcher(bare);
        while (matcher.find()) {
            metrics.add(matcher.group(1));
        }
        return metrics;
    }

    /** Every series name the four services export now. */
    private static Set<String> exported() throws InterruptedException {
        Set<String> names = new TreeSet<>();
        StackHttp http = new StackHttp("");
        for (String service : SystemStack.SERVICES) {
            StackHttp.Answer metrics = http.get(stack.url(service) + "/q/metrics");
            assertThat(metrics.status()).as("%s /q/metrics", service).isEqualTo(200);
            metrics.body().lines()
                    .filter(line -> !line.startsWith("#") && !line.isBlank())
                    .filter(line -> !line.contains(" NaN"))
                    .map(line -> line.split("[{ ]", 2)[0])
                    .forEach(names::add);
        }
        return names;
    }

    private static List<String> missing(Set<String> queried, Set<String> exported) {
        return queried.stream().filter(metric -> !exported.contains(metric)).toList();
    }

    private static boolean onPath(String command) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(directory -> Files.isExecutable(Path.of(directory, command)));
    }

    private static String run(Path directory, String... command) throws Exception {
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command) + ":\n" + output).isZero();
        return output;
    }
}

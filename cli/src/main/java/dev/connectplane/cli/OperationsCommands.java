package dev.connectplane.cli;

import static dev.connectplane.cli.Output.Column.field;

import com.fasterxml.jackson.databind.JsonNode;
import dev.connectplane.cli.Output.Column;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * What an operator does when a service set something aside (managers only):
 * {@code connectctl dead-letters list|replay} and {@code connectctl outbox parked|retry|discard},
 * each for one {@code --service}.
 */
final class OperationsCommands {

    private OperationsCommands() {
    }

    /** Which service's dead letters or outbox: its full name or the short one. */
    static class ServiceOption {
        @Option(names = "--service", required = true, paramLabel = "SERVICE",
                description = "server-service, access-service, token-service or audit-service (or server, access, token, audit).")
        String service;

        String api() {
            String name = service.strip().toLowerCase().replace("-service", "");
            if (!List.of("server", "access", "token", "audit").contains(name)) {
                throw new CliException("--service is one of server-service, access-service, token-service, audit-service", 2);
            }
            return name;
        }
    }

    @Command(name = "dead-letters", mixinStandardHelpOptions = true,
            description = "See what a service's consumers set aside on its dead-letter topic, and replay it.")
    static class DeadLettersCommand {

        static final List<Column> COLUMNS = List.of(field("POSITION", "position"), field("TIME", "dead_lettered_at"),
                field("SOURCE", "source_topic"), field("AT", "source_position"), field("KEY", "key"), field("TYPE", "type"),
                field("ID", "id"), field("REASON", "reason"));

        @Command(name = "list", mixinStandardHelpOptions = true,
                description = "The newest dead letters, newest first: where each came from and why (never its content).")
        int list(@Mixin OutputOptions options, @Mixin ServiceOption service,
                 @Option(names = "--limit", defaultValue = "100", description = "At most this many (default ${DEFAULT-VALUE}, "
                         + "at most 1000).") int limit) {
            JsonNode letters = new Api(options).get(service.api(), "/v1/operations/dead-letters?limit=" + limit);
            new Output(options, System.out).print(letters, COLUMNS);
            return 0;
        }

        @Command(name = "replay", mixinStandardHelpOptions = true,
                description = "Send dead letters back to the topics they came from, once the cause is fixed; "
                        + "each is applied once.")
        int replay(@Mixin OutputOptions options, @Mixin ServiceOption service,
                   @Parameters(paramLabel = "POSITION", arity = "0..*",
                           description = "partition:offset, as list shows it.") List<String> positions,
                   @Option(names = "--all", description = "Every dead letter list shows (up to 1000).") boolean all) {
            if ((positions == null || positions.isEmpty()) == !all) {
                throw new CliException("name the dead letters to replay (POSITION ...) or give --all", 2);
            }
            Map<String, Object> body = new LinkedHashMap<>();
            if (all) {
                body.put("all", true);
            } else {
                body.put("positions", positions);
            }
            JsonNode result = new Api(options).post(service.api(), "/v1/operations/dead-letters/replay", body);
            new Output(options, System.out).done("replayed " + result.path("replayed").size() + " dead letters of "
                    + result.path("topic").asText(), result);
            return 0;
        }
    }

    @Command(name = "outbox", mixinStandardHelpOptions = true,
            description = "See and settle the outbox rows a service parked because the broker will never take them.")
    static class OutboxCommand {

        static final List<Column> COLUMNS = List.of(field("SEQ", "seq"), field("PARKED", "parked_at"),
                field("TYPE", "event_type"), field("TOPIC", "topic"), field("KEY", "key"), field("REASON", "reason"));

        @Command(name = "parked", mixinStandardHelpOptions = true, description = "The parked rows, oldest first.")
        int parked(@Mixin OutputOptions options, @Mixin ServiceOption service) {
            JsonNode rows = new Api(options).get(service.api(), "/v1/operations/outbox/parked");
            new Output(options, System.out).print(rows, COLUMNS);
            return 0;
        }

        @Command(name = "retry", mixinStandardHelpOptions = true,
                description = "Send a parked row again, first of its key (after the broker was changed to take it).")
        int retry(@Mixin OutputOptions options, @Mixin ServiceOption service,
                  @Parameters(paramLabel = "SEQ", description = "The row's sequence number.") long seq) {
            return settle(options, service, seq, "retry", "row " + seq + " will be sent again");
        }

        @Command(name = "discard", mixinStandardHelpOptions = true,
                description = "Give a parked row up: it is never published, and the rows of its key behind it go on.")
        int discard(@Mixin OutputOptions options, @Mixin ServiceOption service,
                    @Parameters(paramLabel = "SEQ", description = "The row's sequence number.") long seq) {
            return settle(options, service, seq, "discard", "row " + seq + " discarded");
        }

        private static int settle(OutputOptions options, ServiceOption service, long seq, String action, String done) {
            JsonNode result = new Api(options).post(service.api(), "/v1/operations/outbox/parked/" + seq + "/" + action,
                    Map.of());
            new Output(options, System.out).done(done, result);
            return 0;
        }
    }
}

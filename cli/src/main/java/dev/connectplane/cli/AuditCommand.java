package dev.connectplane.cli;

import static dev.connectplane.cli.Output.Column.field;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.connectplane.cli.Output.Column;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code connectctl audit list|export|verify} (managers only). */
@Command(name = "audit", description = "Read, export and verify the audit history.", mixinStandardHelpOptions = true)
class AuditCommand {

    static final List<Column> COLUMNS = List.of(field("TIME", "event_time"),
            new Column("ACTOR", row -> Column.text(row.path("actor").path("id"))),
            field("ACTION", "action"), field("OUTCOME", "outcome"),
            new Column("TARGET", row -> target(row)), field("COMMAND", "causation_id"));

    /** The filters shared by list and export. */
    static class Filters {
        @Option(names = "--server", description = "Server ID.") String server;
        @Option(names = "--token-id", description = "Token ID.") String token;
        @Option(names = "--vault", description = "Vault ID.") String vault;
        @Option(names = "--group", description = "Group ID.") String group;
        @Option(names = "--actor", description = "Actor (user name or server ID).") String actor;
        @Option(names = "--action", description = "Action, e.g. token.revoke.") String action;
        @Option(names = "--outcome", description = "success, failure or unknown.") String outcome;
        @Option(names = "--from", paramLabel = "TIME", description = "From this time (ISO-8601, inclusive).") String from;
        @Option(names = "--to", paramLabel = "TIME", description = "Until this time (ISO-8601, exclusive).") String to;

        String query() {
            Map<String, String> params = new LinkedHashMap<>();
            params.put("server", server);
            params.put("token", token);
            params.put("vault", vault);
            params.put("group", group);
            params.put("actor", actor);
            params.put("action", action);
            params.put("outcome", outcome);
            params.put("from", from);
            params.put("to", to);
            return params.entrySet().stream().filter(e -> e.getValue() != null)
                    .map(e -> e.getKey() + "=" + Api.segment(e.getValue())).collect(Collectors.joining("&"));
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Audit records, oldest first, every page.")
    int list(@Mixin OutputOptions options, @Mixin Filters filters,
             @Option(names = "--newest-first", description = "Newest first.") boolean newestFirst,
             @Option(names = "--limit", defaultValue = "1000", description = "At most this many records (default ${DEFAULT-VALUE}).")
             int limit) {
        Api api = new Api(options);
        ArrayNode records = Api.JSON.createArrayNode();
        String cursor = null;
        do {
            String query = filters.query() + "&order=" + (newestFirst ? "newest" : "oldest") + "&limit="
                    + Math.min(1000, limit - records.size()) + (cursor == null ? "" : "&cursor=" + Api.segment(cursor));
            JsonNode page = api.get("audit", "/v1/audit/records?" + query);
            page.path("records").forEach(records::add);
            cursor = page.path("next_cursor").isTextual() ? page.path("next_cursor").asText() : null;
        } while (cursor != null && records.size() < limit);
        new Output(options, System.out).print(records, COLUMNS);
        return 0;
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Stream the records as NDJSON in OCSF or ECS, or as CEF lines, to standard output.")
    int export(@Mixin GlobalOptions options, @Mixin Filters filters,
               @Option(names = "--format", defaultValue = "ocsf", paramLabel = "ocsf|ecs|cef",
                       description = "The SIEM form (default ${DEFAULT-VALUE}).") String format,
               @Option(names = "--schema-version", paramLabel = "VERSION",
                       description = "OCSF 1.1.0 or 1.8.0, ECS 8.17.0 or 9.4.0 (default: the service's).") String version)
            throws IOException {
        String query = filters.query();
        if (version != null && !version.isBlank()) {
            query += (query.isEmpty() ? "" : "&") + "version=" + Api.segment(version.strip());
        }
        try (InputStream body = new Api(options).stream("audit", "/v1/audit/export/" + Api.segment(format) + "?" + query)) {
            body.transferTo(System.out);
        }
        System.out.flush();
        return 0;
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Recompute the hash chain and hold it against the newest signed checkpoints on "
                    + "connect.audit.checkpoints; exits 1 and names the first broken link if it is not intact, "
                    + "records missing after a checkpoint included.")
    int verify(@Mixin OutputOptions options) {
        JsonNode result = new Api(options).get("audit", "/v1/audit/verify");
        boolean valid = result.path("valid").asBoolean();
        JsonNode broken = result.path("first_broken");
        new Output(options, System.out).done(valid
                ? "audit chain intact: " + result.path("checked").asLong() + " records, head " + result.path("head_hash").asText()
                        + "; " + checkpoint(result.path("checkpoint"))
                : "audit chain BROKEN at position " + broken.path("seq").asText("?") + ": " + broken.path("reason").asText()
                        + (broken.path("event_id").isTextual() ? " (event " + broken.path("event_id").asText() + ")" : "")
                        + "; " + checkpoint(result.path("checkpoint")), result);
        return valid ? 0 : 1;
    }

    /** What the signed checkpoints said, in words. */
    static String checkpoint(JsonNode checkpoint) {
        String rejected = checkpoint.path("rejected").asInt() > 0
                ? " (" + checkpoint.path("rejected").asInt() + " message(s) on the topic left out: not a checkpoint or a bad signature)"
                : "";
        return switch (checkpoint.path("status").asText("not-configured")) {
            case "matches" -> "matches the signed checkpoint at position " + checkpoint.path("seq").asLong() + " of "
                    + checkpoint.path("checkpointed_at").asText() + " (key " + checkpoint.path("key_id").asText() + ")" + rejected;
            case "records-missing" -> "the signed checkpoint at position " + checkpoint.path("seq").asLong() + " of "
                    + checkpoint.path("checkpointed_at").asText() + " covers records the database no longer has" + rejected;
            case "mismatch" -> "the chain differs from the signed checkpoint at position " + checkpoint.path("seq").asLong()
                    + " of " + checkpoint.path("checkpointed_at").asText() + rejected;
            case "none" -> "no signed checkpoint on connect.audit.checkpoints yet" + rejected;
            default -> "checkpoints are off: records removed from the end together with their chain rows would go unseen";
        };
    }

    private static String target(JsonNode row) {
        JsonNode targets = row.path("targets");
        StringBuilder text = new StringBuilder();
        for (String kind : new String[] {"server", "token", "group"}) {
            JsonNode target = targets.path(kind);
            append(text, kind, target.path("name").isTextual() ? target.path("name") : target.path("id"));
        }
        for (JsonNode vault : targets.path("vaults")) {
            append(text, "vault", vault.path("name").isTextual() ? vault.path("name") : vault.path("id"));
        }
        return text.length() == 0 ? "-" : text.toString();
    }

    private static void append(StringBuilder text, String kind, JsonNode value) {
        if (value.isTextual() && !value.asText().isBlank()) {
            text.append(text.length() == 0 ? "" : " ").append(kind).append(' ').append(value.asText());
        }
    }
}

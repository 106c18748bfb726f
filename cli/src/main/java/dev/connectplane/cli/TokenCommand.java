package dev.connectplane.cli;

import static dev.connectplane.cli.Output.Column.field;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.connectplane.cli.Output.Column;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code connectctl token create|delete|edit|list|verify}. */
@Command(name = "token", description = "Manage Connect server tokens.", mixinStandardHelpOptions = true)
class TokenCommand {

    static final List<Column> COLUMNS = List.of(field("ID", "id"), field("NAME", "name"), field("STATE", "state"),
            field("SERVER", "integration_id"),
            new Column("VAULTS", row -> String.join(", ", StreamSupport.stream(row.path("vaults").spliterator(), false)
                    .map(v -> v.path("name").asText() + " (" + acl(v.path("acl")) + ")").toList())),
            field("EXPIRES", "expires_at"));

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Issue a token for a server's vaults; prints the token, which is shown only once.")
    int create(@Mixin OutputOptions options,
               @Parameters(paramLabel = "NAME", description = "The token's name.") String name,
               @Option(names = "--server", required = true, description = "The server (ID or name).") String server,
               @Option(names = {"--vault", "--vaults"}, required = true, paramLabel = "VAULT[,r|w|rw]",
                       description = "A vault the server has, with r, w or rw (default: read and write). Repeatable.")
               List<String> vaults,
               @Option(names = "--expires-in", paramLabel = "DURATION",
                       description = "How long the token is valid: s, m, h, d, w and combinations (1w2d). Default: no expiry.")
               String expiresIn) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("server", server);
        body.put("vaults", vaults);
        if (expiresIn != null) {
            body.put("expires_in", expiresIn);
        }
        JsonNode created = new Api(options).post("token", "/v1/tokens", body);
        Output out = new Output(options, System.out);
        if (out.json()) {
            out.json(created);
        } else {
            System.out.println(created.path("token").asText());
        }
        return 0;
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Revoke a token; it stays listed as revoked.")
    int delete(@Mixin OutputOptions options,
               @Parameters(paramLabel = "TOKEN", description = "Token ID or name, or -.") String token,
               @Option(names = "--server", description = "Only look for the token among this server's.") String server) {
        Api api = new Api(options);
        JsonNode found = find(api, Stdin.reference(token, "token", System.in), server);
        api.delete("token", path(found));
        new Output(options, System.out).done("revoked token " + found.path("name").asText() + " (" + found.path("id").asText()
                + ")", Api.JSON.createObjectNode().put("id", found.path("id").asText()).put("state", "revoked"));
        return 0;
    }

    @Command(name = "edit", mixinStandardHelpOptions = true, description = "Rename a token.")
    int edit(@Mixin OutputOptions options,
             @Parameters(paramLabel = "TOKEN", description = "Token ID or name, or -.") String token,
             @Option(names = "--name", required = true, description = "The token's new name.") String name,
             @Option(names = "--server", description = "Only look for the token among this server's.") String server) {
        Api api = new Api(options);
        JsonNode found = find(api, Stdin.reference(token, "token", System.in), server);
        new Output(options, System.out).print(api.patch("token", path(found), Map.of("name", name)), COLUMNS);
        return 0;
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List tokens, active and revoked, of the servers you may manage: every page, or the first --limit.")
    int list(@Mixin OutputOptions options,
             @Option(names = "--server", description = "Only this server's tokens.") String server,
             @Option(names = "--limit", paramLabel = "N", description = "At most N tokens (default: all).") Integer limit) {
        String path = server == null ? "/v1/tokens" : "/v1/servers/" + Api.segment(server) + "/tokens";
        new Output(options, System.out).print(new Api(options).list("token", path, Limits.of(limit)), COLUMNS);
        return 0;
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Introspect a token: is it active, for which server and vaults (needs a manager's identity).")
    int verify(@Mixin OutputOptions options,
               @Parameters(paramLabel = "TOKEN", description = "The token itself, or - to read it from stdin.") String token,
               @Option(names = "--vault", description = "Also ask whether it may use this vault (ID).") String vault,
               @Option(names = "--permission", paramLabel = "r|w", description = "The permission to ask about in --vault.")
               String permission) {
        ObjectNode body = Api.JSON.createObjectNode().put("token", "-".equals(token) ? Stdin.text(System.in) : token);
        if (vault != null) {
            body.put("vault", vault);
        }
        if (permission != null) {
            body.put("permission", permission);
        }
        JsonNode answer = new Api(options).post("token", "/v1/tokens/introspect", body);
        Output out = new Output(options, System.out);
        if (out.json()) {
            out.json(answer);
        } else if (!answer.path("active").asBoolean()) {
            System.out.println("inactive");
        } else {
            List<String> vaults = new ArrayList<>();
            answer.path("vaults").forEach(v -> vaults.add(v.path("id").asText() + " (" + acl(v.path("acl")) + ")"));
            System.out.println("active  token " + answer.path("token_id").asText() + "  server "
                    + answer.path("server_id").asText() + "  vaults " + String.join(", ", vaults)
                    + (answer.has("allowed") ? "  allowed " + answer.path("allowed").asBoolean() : "")
                    + (answer.hasNonNull("exp")
                    ? "  expires " + Instant.ofEpochSecond(answer.path("exp").asLong()) : ""));
        }
        return 0;
    }

    /** The token named by ID or name, among one server's or among all the caller may see. */
    private static JsonNode find(Api api, String reference, String server) {
        if (server != null) {
            return api.get("token", "/v1/servers/" + Api.segment(server) + "/tokens/" + Api.segment(reference));
        }
        List<JsonNode> byId = new ArrayList<>();
        List<JsonNode> byName = new ArrayList<>();
        for (JsonNode token : api.list("token", "/v1/tokens", Integer.MAX_VALUE)) {
            if (token.path("id").asText().equals(reference)) {
                byId.add(token);
            } else if (token.path("name").asText().equals(reference) && "active".equalsIgnoreCase(token.path("state").asText())) {
                byName.add(token);
            }
        }
        List<JsonNode> found = byId.isEmpty() ? byName : byId;
        if (found.isEmpty()) {
            throw new CliException("no active token is named or has the ID '" + reference + "'");
        }
        if (found.size() > 1) {
            throw new CliException("the name '" + reference + "' matches several tokens (" + String.join(", ",
                    found.stream().map(t -> t.path("id").asText()).toList()) + "); use an ID or --server");
        }
        return found.get(0);
    }

    private static String path(JsonNode token) {
        return "/v1/servers/" + token.path("integration_id").asText() + "/tokens/" + token.path("id").asText();
    }

    private static String acl(JsonNode acl) {
        List<String> letters = new ArrayList<>();
        acl.forEach(p -> letters.add(p.asText().substring(0, 1)));
        return String.join("", letters);
    }
}

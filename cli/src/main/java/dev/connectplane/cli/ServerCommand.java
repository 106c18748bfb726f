package dev.connectplane.cli;

import static dev.connectplane.cli.Output.Column.field;

import com.fasterxml.jackson.databind.JsonNode;
import dev.connectplane.cli.Output.Column;
import java.io.Console;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code connectctl server create|delete|edit|get|list}. */
@Command(name = "server", description = "Manage Connect servers.", mixinStandardHelpOptions = true)
class ServerCommand {

    static final List<Column> COLUMNS = List.of(field("ID", "id"), field("NAME", "name"), field("STATE", "state"),
            new Column("VAULTS", row -> String.join(", ", StreamSupport.stream(row.path("vaults").spliterator(), false)
                    .map(v -> v.path("name").asText()).toList())),
            field("CREATED", "created_at"));

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create a Connect server, grant it vaults and write its credentials file (1password-credentials.json).")
    int create(@Mixin OutputOptions options,
               @Parameters(paramLabel = "NAME", description = "The server's name.") String name,
               @Option(names = "--vaults", split = ",", paramLabel = "VAULT",
                       description = "Grant the server access to these vaults (comma-separated IDs or names).") List<String> vaults,
               @Option(names = {"-f", "--force"}, description = "Overwrite the credentials file without asking.") boolean force,
               @Option(names = "--credentials-file", paramLabel = "PATH", defaultValue = "1password-credentials.json",
                       description = "Where to write the credentials document (default: ${DEFAULT-VALUE}).") Path file) {
        confirmOverwrite(file, force);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("vaults", vaults == null ? List.of() : vaults);
        JsonNode created = new Api(options).post("server", "/v1/servers", body);
        writeCredentials(file, created.path("credentials"));
        Output out = new Output(options, System.out);
        if (out.json()) {
            out.json(created.path("server"));
        } else {
            out.print(created.path("server"), COLUMNS);
            System.out.println("credentials written to " + file.toAbsolutePath().normalize() + " (keep it secret)");
        }
        return 0;
    }

    @Command(name = "delete", mixinStandardHelpOptions = true,
            description = "Delete a server: its credentials and all its tokens stop working.")
    int delete(@Mixin OutputOptions options,
               @Parameters(paramLabel = "SERVER", description = "Server ID or name, or - to read it from stdin.") String server) {
        String reference = Stdin.reference(server, "server", System.in);
        new Api(options).delete("server", "/v1/servers/" + Api.segment(reference));
        new Output(options, System.out).done("deleted server " + reference,
                Api.JSON.createObjectNode().put("server", reference).put("state", "deleted"));
        return 0;
    }

    @Command(name = "edit", mixinStandardHelpOptions = true, description = "Rename a server.")
    int edit(@Mixin OutputOptions options,
             @Parameters(paramLabel = "SERVER", description = "Server ID or name, or -.") String server,
             @Option(names = "--name", required = true, description = "The server's new name.") String name) {
        String reference = Stdin.reference(server, "server", System.in);
        JsonNode edited = new Api(options).patch("server", "/v1/servers/" + Api.segment(reference), Map.of("name", name));
        new Output(options, System.out).print(edited, COLUMNS);
        return 0;
    }

    @Command(name = "get", mixinStandardHelpOptions = true, description = "Show a server.")
    int get(@Mixin OutputOptions options,
            @Parameters(paramLabel = "SERVER", description = "Server ID or name, or -.") String server) {
        String reference = Stdin.reference(server, "server", System.in);
        new Output(options, System.out).print(new Api(options).get("server", "/v1/servers/" + Api.segment(reference)),
                COLUMNS);
        return 0;
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List the servers you may manage, by name: every page, or the first --limit.")
    int list(@Mixin OutputOptions options,
             @Option(names = "--limit", paramLabel = "N", description = "At most N servers (default: all).") Integer limit) {
        new Output(options, System.out).print(new Api(options).list("server", "/v1/servers", Limits.of(limit)), COLUMNS);
        return 0;
    }

    /** Refuses before anything is created: asks when interactive, needs -f otherwise. */
    static void confirmOverwrite(Path file, boolean force) {
        if (!Files.exists(file) || force) {
            return;
        }
        Console console = System.console();
        if (console == null) {
            throw new CliException(file + " already exists; pass -f to overwrite it");
        }
        String answer = console.readLine("%s already exists. Overwrite it? [y/N] ", file);
        if (answer == null || !List.of("y", "yes").contains(answer.strip().toLowerCase())) {
            throw new CliException("not overwriting " + file + "; nothing was created");
        }
    }

    private static void writeCredentials(Path file, JsonNode credentials) {
        try {
            Path absolute = file.toAbsolutePath();
            Path tmp = Files.createTempFile(absolute.getParent(), ".credentials", ".tmp");
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system
            }
            Files.writeString(tmp, Api.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(credentials) + "\n");
            Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new CliException("the server was created but its credentials could not be written to " + file + ": "
                    + e.getMessage() + "; delete the server and create it again");
        }
    }
}

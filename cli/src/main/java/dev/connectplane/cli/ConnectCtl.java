package dev.connectplane.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * connectctl: the reference's {@code op connect} command group against Connect Control Plane's
 * REST APIs, plus {@code token verify}, {@code audit} and {@code changes watch}.
 *
 * <p>picocli builds a command's model from its annotations by reflection, which on a cold JVM
 * costs about half a second for the whole tree. A command line that names a subcommand
 * therefore gets a tree with that one subcommand only; help, the version, completion and
 * anything unknown get the whole tree, so their answers (the command list, suggestions) are
 * the same as ever.
 */
@Command(name = "connectctl", mixinStandardHelpOptions = true, version = "connectctl 0.1.0",
        description = "Manage Connect servers, their tokens and who may manage them.")
public class ConnectCtl {

    /** Every subcommand by its name, in the order help lists them. */
    static final Map<String, Supplier<Object>> SUBCOMMANDS = subcommands();

    private static final String COMPLETION = "generate-completion";

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs one command line and returns its exit status. */
    public static int run(String... args) {
        CommandLine commandLine = commandLine(args.length > 0 ? args[0] : null);
        commandLine.setExecutionExceptionHandler((e, line, parsed) -> {
            if (e instanceof CliException failure) {
                line.getErr().println("connectctl: " + failure.getMessage());
                return failure.exitCode();
            }
            line.getErr().println("connectctl: " + e);
            return 1;
        });
        return commandLine.execute(args);
    }

    /** The command tree for a line whose first word is {@code first}: that subcommand alone, or all. */
    static CommandLine commandLine(String first) {
        CommandLine commandLine = new CommandLine(new ConnectCtl());
        if (first != null && SUBCOMMANDS.containsKey(first) && !first.equals(COMPLETION)) {
            commandLine.addSubcommand(first, SUBCOMMANDS.get(first).get());
            return commandLine;
        }
        SUBCOMMANDS.forEach((name, command) -> commandLine.addSubcommand(name, command.get()));
        commandLine.getSubcommands().get(COMPLETION).getCommandSpec().usageMessage().hidden(false);
        return commandLine;
    }

    private static Map<String, Supplier<Object>> subcommands() {
        Map<String, Supplier<Object>> all = new LinkedHashMap<>();
        all.put("server", ServerCommand::new);
        all.put("token", TokenCommand::new);
        all.put("vault", GrantCommands.VaultCommand::new);
        all.put("group", GrantCommands.GroupCommand::new);
        all.put("audit", AuditCommand::new);
        all.put("changes", ChangesCommand::new);
        all.put("dead-letters", OperationsCommands.DeadLettersCommand::new);
        all.put("outbox", OperationsCommands.OutboxCommand::new);
        all.put("reply-key", ReplyKeyCommand::new);
        all.put("login", LoginCommands.Login::new);
        all.put("logout", LoginCommands.Logout::new);
        all.put(COMPLETION, AutoComplete.GenerateCompletion::new);
        return all;
    }
}

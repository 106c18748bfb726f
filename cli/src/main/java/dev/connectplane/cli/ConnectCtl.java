package dev.connectplane.cli;

import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/**
 * connectctl: the reference's {@code op connect} command group against Connect Control Plane's
 * REST APIs, plus {@code token verify}, {@code audit} and {@code changes watch}.
 */
@Command(name = "connectctl", mixinStandardHelpOptions = true, version = "connectctl 0.1.0",
        description = "Manage Connect servers, their tokens and who may manage them.",
        subcommands = {ServerCommand.class, TokenCommand.class, GrantCommands.VaultCommand.class,
                GrantCommands.GroupCommand.class, AuditCommand.class, ChangesCommand.class,
                OperationsCommands.DeadLettersCommand.class, OperationsCommands.OutboxCommand.class, ReplyKeyCommand.class,
                LoginCommands.Login.class, LoginCommands.Logout.class,
                AutoComplete.GenerateCompletion.class})
public class ConnectCtl {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs one command line and returns its exit status. */
    public static int run(String... args) {
        CommandLine commandLine = new CommandLine(new ConnectCtl());
        commandLine.getSubcommands().get("generate-completion").getCommandSpec().usageMessage().hidden(false);
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
}

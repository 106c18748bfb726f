package dev.connectplane.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The command tree connectctl builds per command line: one subcommand when the line names one
 * (the start-up cost of the others is not paid), all of them for help, the version, completion
 * and anything unknown; and every subcommand's registered name is its own {@code @Command} name.
 */
class CommandTreeTest {

    @Test
    void eachSubcommandIsRegisteredUnderItsOwnName() {
        ConnectCtl.SUBCOMMANDS.forEach((name, command) -> {
            CommandLine alone = new CommandLine(command.get());
            assertThat(alone.getCommandName()).as("the @Command name of %s", name).isEqualTo(name);
        });
    }

    @Test
    void aLineThatNamesASubcommandGetsThatOneAlone() {
        Map<String, CommandLine> subcommands = ConnectCtl.commandLine("server").getSubcommands();
        assertThat(subcommands.keySet()).containsExactly("server");
        assertThat(subcommands.get("server").getSubcommands()).containsKeys("create", "get", "list", "edit", "delete");
    }

    @Test
    void helpTheVersionCompletionAndUnknownWordsGetTheWholeTree() {
        for (String first : new String[] {null, "--help", "-V", "generate-completion", "servr"}) {
            assertThat(ConnectCtl.commandLine(first).getSubcommands().keySet()).as("for %s", first)
                    .containsExactlyElementsOf(ConnectCtl.SUBCOMMANDS.keySet());
        }
    }

    @Test
    void anUnknownSubcommandIsStillAnsweredWithSuggestions() {
        assertThat(ConnectCtl.run("servr")).isEqualTo(2);
    }
}

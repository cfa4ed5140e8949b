package io.hascope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class MainTest {
    private static final List<String> ALL = List.of("decode", "analyze", "live", "fields", "merge", "simulate",
            "replay", "generate", "bench");

    @Test
    void aRunThatNamesACommandBuildsOnlyThatOne() {
        assertEquals(List.of("analyze"), List.copyOf(Main.commandLine("analyze", "-r", "x.pcapng")
                .getSubcommands().keySet()));
        assertEquals(List.of("decode"), List.copyOf(Main.commandLine("decode").getSubcommands().keySet()));
    }

    @Test
    void helpAndNamesItDoesNotKnowSeeEveryCommand() {
        for (String[] args : List.of(new String[0], new String[] {"--help"}, new String[] {"analyz", "-r", "x"})) {
            assertEquals(ALL, List.copyOf(Main.commandLine(args).getSubcommands().keySet()), String.join(" ", args));
        }
    }

    @Test
    void theHelpListsEveryCommandInOrder() {
        CliRun run = CliRun.runForSystemOut("--help");
        assertEquals(0, run.exitCode());
        String help = run.out();
        int last = -1;
        for (String command : ALL) {
            int at = help.indexOf("\n  " + command + " ");
            assertTrue(at > last, command + " listed after the one before it in:\n" + help);
            last = at;
            // one line each, the command's own summary: not the first line of a description cut mid-sentence
            String header = Main.commandLine(command).getSubcommands().get(command).getCommandSpec().usageMessage()
                    .header()[0];
            String line = help.substring(at + 1, help.indexOf('\n', at + 1));
            assertEquals(header, line.substring(2 + command.length()).strip(), command);
        }
    }

    @Test
    void everyCommandsHelpPrintsItsUsageAsEveryUsageErrorSays() {
        // decode's -V is tshark's detail tree, which had cost it the standard --help: "Try 'hascope decode --help'"
        // then failed with "Missing required option: '-r=FILE'"
        for (String command : ALL) {
            for (String help : List.of("--help", "-h")) {
                CliRun run = CliRun.runForSystemOut(command, help);
                assertEquals(0, run.exitCode(), command + " " + help + ": " + run.err());
                assertTrue(run.out().contains("Usage: hascope " + command), command + " " + help + ": " + run.out());
            }
        }
        CliRun decode = CliRun.runForSystemOut("decode", "--help");
        assertTrue(decode.out().contains("-V ") && decode.out().contains("Print the detail tree"), decode.out());
    }

    @Test
    void aMistypedCommandIsAUsageErrorThatNamesIt() {
        CliRun run = CliRun.run("analyz", "-r", "x.pcapng");
        assertEquals(ExitCode.USAGE, run.exitCode());
        assertTrue(run.err().startsWith("hascope: Unmatched arguments from index 0: 'analyz'"), run.err());
    }
}

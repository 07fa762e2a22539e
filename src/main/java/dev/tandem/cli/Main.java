package dev.tandem.cli;

import java.util.Arrays;
import picocli.CommandLine;

/** Entry point of the {@code tandem} command. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("lint")) {
            // tandem lint is a command people run in loops and editors: building the models of
            // every other command first (picocli reflects over all of them) would cost a fifth
            // of its start-up, so it gets a command line of its own.
            CommandLine lint = configured(new CommandLine(new LintCommand()).setCommandName("tandem lint"));
            System.exit(lint.execute(Arrays.copyOfRange(args, 1, args.length)));
        }
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, also used by the tests. */
    public static CommandLine commandLine() {
        CommandLine commandLine = configured(new CommandLine(new TandemCommand()));
        commandLine.getSubcommands().values().forEach(Main::configured);
        return commandLine;
    }

    /** Like python: everything after the script (or after -c CODE) belongs to the script. */
    private static CommandLine configured(CommandLine commandLine) {
        commandLine.setStopAtPositional(true);
        commandLine.setUnmatchedOptionsArePositionalParams(true);
        return commandLine;
    }
}

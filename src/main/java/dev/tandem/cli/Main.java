package dev.tandem.cli;

import java.util.Arrays;
import java.util.Optional;
import picocli.CommandLine;

/** Entry point of the {@code tandem} command. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("lint")) {
            System.exit(lint(Arrays.copyOfRange(args, 1, args.length)));
        }
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, also used by the tests. */
    public static CommandLine commandLine() {
        CommandLine commandLine = configured(new CommandLine(new TandemCommand()));
        commandLine.getSubcommands().values().forEach(Main::configured);
        return commandLine;
    }

    /**
     * tandem lint is a command people run in loops and editors, so its start-up counts: its
     * everyday lines are read without picocli ({@link LintLine}), and the others by a command
     * line of its own (building the models of every other command first, as picocli reflects
     * over all of them, would cost a fifth of its start-up).
     */
    private static int lint(String[] args) {
        Optional<LintLine> line = LintLine.read(args);
        if (line.isEmpty()) {
            return lintCommandLine().execute(args);
        }
        try {
            return LintCommand.run(line.get());
        } catch (RuntimeException failure) { // reported as picocli's execute() reports one from the command
            CommandLine commandLine = lintCommandLine();
            commandLine.getErr().print(commandLine.getColorScheme().richStackTraceString(failure));
            commandLine.getErr().flush();
            return commandLine.getCommandSpec().exitCodeOnExecutionException();
        }
    }

    /** The configured command line of tandem lint alone. */
    static CommandLine lintCommandLine() {
        return configured(new CommandLine(new LintCommand()).setCommandName("tandem lint"));
    }

    /** Like python: everything after the script (or after -c CODE) belongs to the script. */
    private static CommandLine configured(CommandLine commandLine) {
        commandLine.setStopAtPositional(true);
        commandLine.setUnmatchedOptionsArePositionalParams(true);
        return commandLine;
    }
}

package dev.tandem.cli;

import picocli.CommandLine;

/** Entry point of the {@code tandem} command. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, also used by the tests. */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new TandemCommand());
        // Like python: everything after the script (or after -c CODE) belongs to the script.
        commandLine.setStopAtPositional(true);
        commandLine.setUnmatchedOptionsArePositionalParams(true);
        for (CommandLine sub : commandLine.getSubcommands().values()) {
            sub.setStopAtPositional(true);
            sub.setUnmatchedOptionsArePositionalParams(true);
        }
        return commandLine;
    }
}

package dev.tandem.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import picocli.CommandLine;

/** Entry point of the {@code tandem} command. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        OptionalInt asPython = PythonMode.runIfMarked(List.of(args), System.out, System.err);
        if (asPython.isPresent()) { // started as python (see the launcher)
            System.exit(asPython.getAsInt());
        }
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
     * over all of them, would cost a fifth of its start-up). The launcher starts its JVM
     * without GraalPy; when the Router picks python, the command runs again through the
     * launcher with it ({@link LintCommand#RERUN_WITH_PYTHON}).
     */
    private static int lint(String[] args) {
        Optional<LintLine> line = LintLine.read(args);
        int status = line.isPresent() ? run(line.get()) : lintCommandLine().execute(args);
        return status == LintCommand.RERUN_WITH_PYTHON ? rerunWithPython(args) : status;
    }

    private static int run(LintLine line) {
        try {
            return LintCommand.run(line);
        } catch (RuntimeException failure) { // reported as picocli's execute() reports one from the command
            CommandLine commandLine = lintCommandLine();
            commandLine.getErr().print(commandLine.getColorScheme().richStackTraceString(failure));
            commandLine.getErr().flush();
            return commandLine.getCommandSpec().exitCodeOnExecutionException();
        }
    }

    /** tandem lint ARGS again through the launcher, which TANDEM_LINT_PYTHON tells to start a JVM with GraalPy. */
    private static int rerunWithPython(String[] args) {
        String home = System.getProperty("tandem.home");
        if (home == null || System.getenv("TANDEM_LINT_PYTHON") != null) { // not from the launcher, or run again already
            System.err.println("tandem lint: the files must be linted on python, and this JVM has no GraalPy");
            return 2;
        }
        List<String> command = new ArrayList<>(List.of(Path.of(home, "tandem").toString(), "lint"));
        command.addAll(List.of(args));
        ProcessBuilder rerun = new ProcessBuilder(command).inheritIO();
        rerun.environment().put("TANDEM_LINT_PYTHON", "1");
        try {
            return rerun.start().waitFor();
        } catch (IOException | InterruptedException failure) {
            System.err.println("tandem lint: cannot run " + command.getFirst() + " again with Python: " + failure);
            return 2;
        }
    }

    /**
     * The configured command line of tandem lint alone. Unlike run's, its options may follow the
     * paths (as Ruff's), and an unknown option is a usage error, not a path; a path that starts
     * with "-" goes after "--".
     */
    static CommandLine lintCommandLine() {
        return configured(new CommandLine(new LintCommand()).setCommandName("tandem lint"))
                .setStopAtPositional(false)
                .setUnmatchedOptionsArePositionalParams(false);
    }

    /** Like python: everything after the script (or after -c CODE) belongs to the script. */
    private static CommandLine configured(CommandLine commandLine) {
        commandLine.setStopAtPositional(true);
        commandLine.setUnmatchedOptionsArePositionalParams(true);
        commandLine.setExecutionExceptionHandler(Main::usageError);
        return commandLine;
    }

    /** A {@link UsageException} as one line and status 2; anything else as picocli reports it. */
    private static int usageError(Exception failure, CommandLine commandLine, CommandLine.ParseResult parsed)
            throws Exception {
        if (!(failure instanceof UsageException usage)) {
            throw failure;
        }
        commandLine.getErr().println(commandLine.getCommandSpec().qualifiedName() + ": " + usage.getMessage());
        commandLine.getErr().flush();
        return UsageException.STATUS;
    }
}

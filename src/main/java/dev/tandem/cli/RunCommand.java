package dev.tandem.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code tandem run SCRIPT [ARGS...]}: like {@code python SCRIPT ARGS}. */
@Command(name = "run",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Run a Python script like `python SCRIPT ARGS`: same sys.argv, streams and exit status.",
                       "SCRIPT - reads the script from standard input.",
                       "An uncaught exception prints its traceback and exits 1."})
final class RunCommand implements Callable<Integer> {
    /** CPython's exit status when it cannot open the script. */
    static final int CANNOT_OPEN = 2;
    /** The script named {@code -}: read from standard input, as python does. */
    private static final String STDIN = "-";

    @Mixin
    RoutingOptions routing;

    @Mixin
    VenvOption venv;

    @Mixin
    KernelsOption kernels;

    // A String, not a Path: "-" and option-like words are checked before they name a file.
    @Parameters(index = "0", paramLabel = "SCRIPT", description = "The Python file to run, or - for standard input.")
    String script;

    @Parameters(index = "1..*", paramLabel = "ARGS", description = "Arguments for the script (sys.argv[1:]).")
    List<String> arguments = new ArrayList<>();

    @Override
    public Integer call() {
        if (script.startsWith("-") && !script.equals(STDIN)) {
            // Options before the script are Tandem's; everything after it belongs to the script.
            throw new UsageException("unknown option " + script + " (options go before SCRIPT; see tandem run --help)");
        }
        Invocation caller = Invocation.current();
        ScriptLauncher launcher = new ScriptLauncher(caller.err(), routing.policy(caller.environment()),
                Interpreters.forTandem(venv.directory, caller)).withKernels(kernels.registry(caller));
        if (script.equals(STDIN)) {
            return launcher.runSource(readStandardInput(), "<stdin>", STDIN, arguments);
        }
        if (caller.namesForeignStdin(script)) {
            return launcher.runSource(readStandardInput(), script, script, arguments);
        }
        Path path = Path.of(script);
        Path resolved = caller.resolve(script);
        String unopenable = whyUnopenable(resolved);
        if (unopenable != null) {
            caller.err().println("tandem: can't open file '" + resolved.toAbsolutePath() + "': " + unopenable);
            return CANNOT_OPEN;
        }
        return launcher.runFile(path, arguments);
    }

    /** CPython's reason for not opening {@code script}, or null when it can be run (a file, a pipe, /dev/stdin). */
    static String whyUnopenable(Path script) {
        try {
            Files.readAttributes(script, BasicFileAttributes.class); // follows links: a loop fails here
        } catch (NoSuchFileException missing) {
            return "[Errno 2] No such file or directory";
        } catch (FileSystemException failure) {
            String reason = failure.getReason() == null ? failure.getMessage() : failure.getReason();
            return reason.contains("symbolic links") ? "[Errno 40] Too many levels of symbolic links" : reason;
        } catch (IOException failure) {
            return failure.getMessage();
        }
        if (Files.isDirectory(script)) {
            return "is a directory";
        }
        return Files.isReadable(script) ? null : "[Errno 13] Permission denied";
    }

    static String readStandardInput() {
        try { // not closed: the script's sys.stdin stays on this descriptor, at its end as under python
            InputStream in = Invocation.current().stdin();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException unreadable) {
            throw new UsageException("cannot read the script from standard input: " + unreadable.getMessage());
        }
    }
}

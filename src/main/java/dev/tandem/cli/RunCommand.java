package dev.tandem.cli;

import java.nio.file.Files;
import java.nio.file.Path;
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
                       "An uncaught exception prints its traceback and exits 1."})
final class RunCommand implements Callable<Integer> {
    /** CPython's exit status when it cannot open the script. */
    static final int CANNOT_OPEN = 2;

    @Mixin
    RoutingOptions routing;

    @Parameters(index = "0", paramLabel = "SCRIPT", description = "The Python file to run.")
    Path script;

    @Parameters(index = "1..*", paramLabel = "ARGS", description = "Arguments for the script (sys.argv[1:]).")
    List<String> arguments = new ArrayList<>();

    @Override
    public Integer call() {
        if (!Files.isRegularFile(script) || !Files.isReadable(script)) {
            String reason = Files.isDirectory(script) ? "is a directory" : Files.exists(script)
                    ? "[Errno 13] Permission denied" : "[Errno 2] No such file or directory";
            System.err.println("tandem: can't open file '" + script.toAbsolutePath() + "': " + reason);
            return CANNOT_OPEN;
        }
        return new ScriptLauncher(System.err, routing.policy(System.getenv())).runFile(script, arguments);
    }
}

package dev.tandem.cli;

import dev.tandem.runtime.Interpreter;
import dev.tandem.runtime.SharedEngine;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;

/**
 * Tandem started as {@code python}: a virtual environment's {@code bin/python}, {@code python3},
 * or {@code sys.executable} from a script. The launcher sees the name it was started by and
 * passes that path first, as {@link #MARKER}, to the resident process or a JVM of its own; the
 * rest of the command line is CPython's. The caller's environment, working
 * directory and streams are the {@link Invocation}'s.
 */
public final class PythonMode {
    /** {@code --as-python=PATH} before CPython's arguments: the resident process runs them as {@code PATH}. */
    public static final String MARKER = "--as-python=";

    private PythonMode() {}

    /**
     * Runs {@code arguments} as CPython's command line when they start with {@link #MARKER};
     * empty when they are Tandem's own command line. The one place the marker is read, for a
     * JVM of its own ({@link Main}) and for the resident process alike.
     */
    public static OptionalInt runIfMarked(List<String> arguments, PrintStream out, PrintStream err) {
        if (arguments.isEmpty() || !arguments.getFirst().startsWith(MARKER)) {
            return OptionalInt.empty();
        }
        Path invoked = Path.of(arguments.getFirst().substring(MARKER.length()));
        return OptionalInt.of(run(arguments.subList(1, arguments.size()), invoked, out, err));
    }

    /**
     * The interpreter a marked command line runs on, so that the resident process can hand it
     * a context prepared for it; null when the arguments are not marked or not valid (the run
     * itself then says why).
     */
    public static Interpreter interpreterOf(List<String> arguments) {
        if (arguments.isEmpty() || !arguments.getFirst().startsWith(MARKER)) {
            return null;
        }
        try {
            PythonCommandLine line = PythonCommandLine.parse(arguments.subList(1, arguments.size()));
            return interpreter(line, Path.of(arguments.getFirst().substring(MARKER.length())));
        } catch (UsageException | IllegalArgumentException invalid) {
            return null;
        }
    }

    private static Interpreter interpreter(PythonCommandLine line, Path invoked) {
        return Interpreters.forPython(invoked, line.warnOptions(), line.writeBytecode());
    }

    private static int run(List<String> args, Path invoked, PrintStream out, PrintStream err) {
        Invocation caller = Invocation.current();
        PythonCommandLine line;
        Interpreter interpreter;
        ScriptLauncher launcher;
        try {
            line = PythonCommandLine.parse(args);
            if (line.what() == PythonCommandLine.What.HELP) {
                out.print(PythonCommandLine.USAGE);
                return 0;
            }
            if (line.what() == PythonCommandLine.What.VERSION) {
                out.println("Python " + SharedEngine.get().getLanguages().get("python").getVersion());
                return 0;
            }
            interpreter = interpreter(line, invoked);
            launcher = new ScriptLauncher(err, RoutingOptions.policy(caller.environment(), null, List.of()), interpreter)
                    .isolated(line.ignoreEnvironment(), line.safePath());
        } catch (UsageException | IllegalArgumentException invalid) {
            err.println(invoked + ": " + invalid.getMessage());
            return UsageException.STATUS;
        }
        return switch (line.what()) {
            case CODE -> launcher.runCode(line.target(), line.arguments());
            case MODULE -> launcher.runModule(line.target(), line.arguments());
            case STDIN -> launcher.runSource(RunCommand.readStandardInput(), "<stdin>", "-", line.arguments());
            case SCRIPT -> {
                Path script = Path.of(line.target());
                Path resolved = caller.resolve(line.target());
                String unopenable = RunCommand.whyUnopenable(resolved);
                if (unopenable != null) {
                    err.println(invoked + ": can't open file '" + resolved.toAbsolutePath() + "': " + unopenable);
                    yield RunCommand.CANNOT_OPEN;
                }
                yield launcher.runFile(script, line.arguments());
            }
            case HELP, VERSION -> throw new IllegalStateException("answered above");
        };
    }
}

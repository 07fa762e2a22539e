package dev.tandem.cli;

import dev.tandem.runtime.Interpreter;
import dev.tandem.runtime.SharedEngine;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * Tandem started as {@code python}: a virtual environment's {@code bin/python}, {@code python3},
 * or {@code sys.executable} from a script. The launcher sees the name it was started by and
 * passes that path as {@code tandem.executable}; the command line is CPython's.
 */
final class PythonMode {
    private PythonMode() {}

    static int run(List<String> args, Path invoked, PrintStream out, PrintStream err) {
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
            interpreter = Interpreters.forPython(invoked, line.warnOptions(), line.writeBytecode());
            launcher = new ScriptLauncher(err, RoutingOptions.policy(System.getenv(), null, List.of()), interpreter)
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
                String unopenable = RunCommand.whyUnopenable(script);
                if (unopenable != null) {
                    err.println(invoked + ": can't open file '" + script.toAbsolutePath() + "': " + unopenable);
                    yield RunCommand.CANNOT_OPEN;
                }
                yield launcher.runFile(script, line.arguments());
            }
            case HELP, VERSION -> throw new IllegalStateException("answered above");
        };
    }
}

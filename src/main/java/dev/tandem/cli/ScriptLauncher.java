package dev.tandem.cli;

import dev.tandem.route.KernelRegistry;
import dev.tandem.route.RoutePolicy;
import dev.tandem.runtime.ContextSettings;
import dev.tandem.runtime.Interpreter;
import dev.tandem.runtime.PythonContext;
import dev.tandem.runtime.RuntimeFacts;
import java.io.File;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;
import org.graalvm.polyglot.PolyglotException;

/** Runs one trusted script for the command line, with the process's streams and rights. */
final class ScriptLauncher {
    /** Exit status for a failure of Tandem itself rather than of the script (sysexits' EX_SOFTWARE). */
    static final int INTERNAL_ERROR = 70;

    private final PrintStream err;
    private final RoutePolicy policy;
    private final Interpreter interpreter;
    private ContextSettings.Calibrating calibrating = ContextSettings.Calibrating.IN_MEMORY;
    private boolean readPythonPath = true;
    private boolean safePath;
    private KernelRegistry kernels = KernelRegistry.withBuiltins();

    ScriptLauncher(PrintStream err, RoutePolicy policy) {
        this(err, policy, Interpreters.plain(List.of(), true));
    }

    ScriptLauncher(PrintStream err, RoutePolicy policy, Interpreter interpreter) {
        this.err = err;
        this.policy = policy;
        this.interpreter = interpreter;
    }

    /** python -E, -P, -I: PYTHONPATH ignored ({@code ignoreEnvironment}), no script directory or cwd on sys.path. */
    ScriptLauncher isolated(boolean ignoreEnvironment, boolean safePath) {
        this.readPythonPath = !ignoreEnvironment;
        this.safePath = safePath;
        return this;
    }

    /** The kernels scripts reach: Tandem's and those of {@code --kernels}. */
    ScriptLauncher withKernels(KernelRegistry registry) {
        this.kernels = registry;
        return this;
    }

    /** Lets the scripts write what they measure to the calibration file (tandem calibrate alone). */
    ScriptLauncher persistingCalibrations() {
        calibrating = ContextSettings.Calibrating.TO_FILE;
        return this;
    }

    int runFile(Path script, List<String> arguments) {
        List<String> argv = new ArrayList<>();
        argv.add(script.toString());
        argv.addAll(arguments);
        return launch(context -> context.runFile(script.toString(), argv, safePath));
    }

    /** Runs {@code module} like {@code python -m module arguments...}. */
    int runModule(String module, List<String> arguments) {
        List<String> argv = new ArrayList<>();
        argv.add("-m"); // runpy puts the module's file here, as CPython does
        argv.addAll(arguments);
        String cwd = safePath ? null : Path.of("").toAbsolutePath().toString();
        return launch(context -> context.runModule(module, argv, cwd));
    }

    /** Runs {@code source} as the script {@code filename}, with {@code sys.argv[0]} = {@code argv0}. */
    int runSource(String source, String filename, String argv0, List<String> arguments) {
        List<String> argv = new ArrayList<>();
        argv.add(argv0);
        argv.addAll(arguments);
        return launch(context -> context.runSource(source, filename, argv, safePath ? null : ""));
    }

    int runCode(String code, List<String> arguments) {
        List<String> argv = new ArrayList<>();
        argv.add("-c");
        argv.addAll(arguments);
        return launch(context -> context.runSource(code, "<string>", argv, safePath ? null : ""));
    }

    /** Runs code for one of Tandem's own commands (kernels, calibrate); no JIT warning. */
    int runTool(String code) {
        return runTool(code, List.of());
    }

    /** {@link #runTool(String)} with {@code sys.argv[1:]} set to {@code arguments}. */
    int runTool(String code, List<String> arguments) {
        List<String> argv = new ArrayList<>();
        argv.add("tandem");
        argv.addAll(arguments);
        return launch(context -> context.runSource(code, "<tandem>", argv, ""), false);
    }

    private int launch(ToIntFunction<PythonContext> body) {
        return launch(body, true);
    }

    private int launch(ToIntFunction<PythonContext> body, boolean warn) {
        PythonContext opened;
        try {
            if (warn) {
                warnWithoutCompilation();
            }
            opened = openContext();
        } catch (IllegalArgumentException | IllegalStateException failure) {
            // The engine or context refused its options (a -Dpolyglot.* in TANDEM_JAVA_OPTS, say):
            // one line saying so, not the polyglot API's stack trace.
            err.println("tandem: cannot start Python: " + firstLine(failure.getMessage()));
            return INTERNAL_ERROR;
        } catch (PolyglotException failure) {
            return reported(failure);
        }
        try (PythonContext context = opened) {
            return body.applyAsInt(context);
        } catch (PolyglotException failure) {
            return reported(failure);
        }
    }

    private int reported(PolyglotException failure) {
        if (failure.isExit()) {
            return failure.getExitStatus();
        }
        err.println("tandem: " + failure.getMessage());
        return INTERNAL_ERROR;
    }

    private static String firstLine(String message) {
        return message == null ? "(no message)" : message.strip().lines().findFirst().orElse("(no message)");
    }

    /** A context with the command line's rights and streams, for a command that calls Python functions itself. */
    PythonContext openContext() {
        ClosedStreams closed = ClosedStreams.atLaunch();
        Invocation caller = Invocation.current();
        PythonContext context = caller.openContext(ContextSettings.trustedCli(interpreter,
                readPythonPath ? environmentPythonPath() : List.of(), kernels, policy,
                calibrating,
                closed.stdin() ? InputStream.nullInputStream() : caller.stdin(),
                closed.stdout() ? OutputStream.nullOutputStream() : caller.stdout(),
                closed.stderr() ? OutputStream.nullOutputStream() : caller.stderr()));
        if (closed.any()) {
            context.detachStandardStreams(closed.stdin(), closed.stdout(), closed.stderr());
        }
        return context;
    }

    /** One line on stderr when Python would run without the JIT, tens of times slower. */
    private void warnWithoutCompilation() {
        RuntimeFacts facts = RuntimeFacts.probe();
        if (!facts.runtimeCompilation()) {
            err.println("tandem: warning: runtime compilation is off, Python runs 20-40x slower: "
                    + facts.whyNoCompilation());
        }
    }

    /** PYTHONPATH, honoured as CPython does for a script from the command line. */
    private static List<Path> environmentPythonPath() {
        String value = Invocation.current().environment().get("PYTHONPATH");
        List<Path> entries = new ArrayList<>();
        if (value != null) {
            for (String entry : value.split(File.pathSeparator)) {
                if (!entry.isEmpty()) {
                    entries.add(Invocation.current().resolve(entry));
                }
            }
        }
        return entries;
    }
}

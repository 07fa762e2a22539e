package dev.tandem.runtime;

import dev.tandem.HostFileAccess;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.Function;
import dev.tandem.route.CalibratingGateway;
import dev.tandem.route.KernelGateway;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.EnvironmentAccess;
import org.graalvm.polyglot.PolyglotAccess;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.io.FileSystem;
import org.graalvm.polyglot.io.IOAccess;

/**
 * One GraalPy context on the shared engine, with handles to the host entry points in
 * {@code tandem._host} looked up once, so that each call is a plain function execution.
 * Not thread-safe: one thread uses it at a time (the pool guarantees that).
 */
public final class PythonContext implements AutoCloseable {
    private static final String PYTHON = "python";

    private final Context context;
    private final Value host;
    private final Value baseline;
    /** What other host components keep in this context (compiled scripts), by weak key. */
    private final Map<Object, Object> attachments = new WeakHashMap<>();

    private PythonContext(Context context, KernelGateway gateway, List<String> preimports, HostFileAccess sandboxFiles,
            Path sitePackages) {
        this.context = context;
        this.host = context.eval(PYTHON, "import tandem._host\ntandem._host");
        if (sitePackages != null) {
            host.invokeMember("add_site_packages", sitePackages.toString());
        }
        if (sandboxFiles != null) {
            host.invokeMember("harden_sandbox", sandboxFiles != HostFileAccess.NONE,
                    sandboxFiles == HostFileAccess.READ_WRITE);
        }
        host.invokeMember("install_gateway", gateway);
        for (String module : preimports) {
            host.invokeMember("preimport", module);
        }
        this.baseline = host.getMember("Baseline").execute();
    }

    /** Builds and initialises a context; takes about a second on a warm engine. */
    public static PythonContext create(ContextSettings settings) {
        Context.Builder builder = Context.newBuilder(PYTHON)
                .engine(SharedEngine.get())
                .in(settings.in())
                .out(settings.out())
                .err(settings.err())
                .allowIO(ioAccess(settings))
                .option("python.PythonPath", pythonPath(settings))
                .allowHostAccess(settings.hostAccess())
                .allowHostClassLookup(settings.hostClassLookup() == null ? name -> false : settings.hostClassLookup())
                .allowNativeAccess(settings.nativeAccess());
        identify(builder, settings.interpreter());
        NativeModules.configure(builder);
        if (settings.trusted()) {
            // The process is the script's, as under CPython: SIGINT raises KeyboardInterrupt.
            builder.option("python.InstallSignalHandlers", "true")
                    .allowCreateThread(true)
                    .allowCreateProcess(true)
                    .allowEnvironmentAccess(EnvironmentAccess.INHERIT)
                    .allowPolyglotAccess(PolyglotAccess.ALL);
        } else {
            builder.allowCreateThread(false)
                    .allowCreateProcess(false)
                    .allowEnvironmentAccess(EnvironmentAccess.NONE)
                    .allowPolyglotAccess(PolyglotAccess.NONE)
                    // A sandboxed script leaves no .pyc files behind, even where it may write.
                    .option("python.DontWriteBytecodeFlag", "true");
        }
        Context context = builder.build();
        try {
            PythonPackage.install(context);
            expose(context, settings.exposed());
            List<String> preimports = new ArrayList<>(settings.preimports());
            if (!settings.trusted()) {
                // evaluate() needs ast, and calls that use kernels need the routing layer:
                // imported now, they belong to the clean state and are not re-imported per call.
                preimports.addAll(0, List.of("ast", "tandem._route", "tandem.text"));
            }
            KernelGateway gateway = gateway(settings);
            // Without sys.executable no site.py finds the environment: its packages are added here.
            Interpreter interpreter = settings.interpreter();
            Path sitePackages = interpreter.venv() != null && interpreter.executable() == null
                    ? interpreter.venv().sitePackages() : null;
            return new PythonContext(context, gateway, preimports, settings.trusted() ? null : settings.files(),
                    sitePackages);
        } catch (RuntimeException failure) {
            context.close(true);
            throw failure;
        }
    }

    /**
     * sys.executable, and a virtual environment the way CPython finds one: site.py reads the
     * pyvenv.cfg next to sys.executable, sets sys.prefix and adds the site-packages.
     */
    private static void identify(Context.Builder builder, Interpreter interpreter) {
        if (interpreter.executable() != null) {
            String executable = interpreter.executable();
            builder.option("python.Executable", executable);
            if (interpreter.baseExecutable() != null) {
                builder.option("python.BaseExecutable", interpreter.baseExecutable());
            }
            if (interpreter.venv() != null) {
                builder.option("python.ForceImportSite", "true");
            }
        }
        if (!interpreter.warnOptions().isEmpty()) {
            builder.option("python.WarnOptions", String.join(",", interpreter.warnOptions()));
        }
        if (!interpreter.writeBytecode()) {
            builder.option("python.DontWriteBytecodeFlag", "true");
        }
    }

    private static KernelGateway gateway(ContextSettings settings) {
        return switch (settings.calibrating()) {
            case NONE -> new KernelGateway(settings.kernels(), settings.policy(), settings.calibrations());
            case IN_MEMORY, TO_FILE -> new CalibratingGateway(settings.kernels(), settings.policy(),
                    settings.calibrations(), settings.calibrating() == ContextSettings.Calibrating.TO_FILE);
        };
    }

    private static IOAccess ioAccess(ContextSettings settings) {
        VirtualEnv venv = settings.interpreter().venv();
        if (settings.files() == HostFileAccess.NONE && venv != null && !settings.trusted()) {
            return IOAccess.newBuilder().fileSystem(ReadOnlyTreeFileSystem.readingOnly(venv.directory())).build();
        }
        return switch (settings.files()) {
            // GraalPy still reads its own standard library: Truffle lets a language read its home.
            case NONE -> IOAccess.NONE;
            case READ -> IOAccess.newBuilder()
                    .fileSystem(FileSystem.newReadOnlyFileSystem(FileSystem.newDefaultFileSystem()))
                    .build();
            case READ_WRITE -> settings.trusted() ? IOAccess.ALL
                    : IOAccess.newBuilder().allowHostFileAccess(true).build();
        };
    }

    private static String pythonPath(ContextSettings settings) {
        List<String> entries = new ArrayList<>();
        for (Path directory : settings.pythonPath()) {
            entries.add(directory.toAbsolutePath().toString());
        }
        return String.join(File.pathSeparator, entries);
    }

    private static void expose(Context context, Map<String, Object> exposed) {
        if (exposed.isEmpty()) {
            return;
        }
        Value builtins = context.eval(PYTHON, "import builtins\nbuiltins");
        exposed.forEach(builtins::putMember);
    }

    /** Runs a script file as {@code __main__}; returns its exit status, traceback printed. */
    public int runFile(String path, List<String> argv) {
        return runFile(path, argv, false);
    }

    /** {@link #runFile(String, List)}; with {@code safePath} (python -P) sys.path gets no script directory. */
    public int runFile(String path, List<String> argv, boolean safePath) {
        return host.invokeMember("run_file", path, argv.toArray(), safePath).asInt();
    }

    /**
     * Runs a module as {@code __main__} like {@code python -m} and returns the exit status;
     * {@code pathEntry} goes first on sys.path unless null.
     */
    public int runModule(String module, List<String> argv, String pathEntry) {
        return host.invokeMember("run_module", module, argv.toArray(), pathEntry).asInt();
    }

    /**
     * Runs source text as {@code __main__} and returns the exit status. An uncaught exception
     * prints its traceback and gives status 1.
     */
    public int runSource(String source, String filename, List<String> argv, String pathEntry) { // null: none
        return host.invokeMember("run_source", source, filename, argv.toArray(), pathEntry).asInt();
    }

    /**
     * Runs source text as {@code __main__} and returns the exit status; an uncaught exception
     * propagates to the caller.
     */
    public int runSourceRaising(String source, String filename, List<String> argv) {
        return host.invokeMember("run_source", source, filename, argv.toArray(), "", false).asInt();
    }

    /**
     * Executes code and returns the value of its last expression, if any; in a fresh
     * namespace, or in {@code __main__}'s when {@code inMain}.
     */
    public Value evaluate(String code, String filename, boolean inMain) {
        return host.invokeMember("evaluate", code, filename, inMain);
    }

    /** Imports a module and calls one of its functions. */
    public Value call(String module, String function, Object[] arguments) {
        return host.invokeMember("call", module, function, arguments);
    }

    /** The Python traceback of a guest exception, as Python would print it. */
    public String formatTraceback(Value exception) {
        return host.invokeMember("format_traceback", exception).asString();
    }

    /** The exit status a SystemExit exception stands for. */
    public int exitStatus(Value systemExit) {
        return host.invokeMember("exit_status", systemExit).asInt();
    }

    /** Sets the named standard streams to None in Python: the process started with them closed. */
    public void detachStandardStreams(boolean stdin, boolean stdout, boolean stderr) {
        host.invokeMember("detach_standard_streams", stdin, stdout, stderr);
    }

    /** Imports a module (one of the tandem package, usually preimported) and returns it. */
    public Value importModule(String name) {
        return host.invokeMember("call", "importlib", "import_module", new Object[] {name});
    }

    /**
     * What {@code key} has attached to this context, made by {@code create} on first use and
     * kept while the key is reachable and the context lives (the baseline reset keeps it: the
     * value is held by the host, not by any module a script can reach by name).
     */
    public <T> T attachment(Object key, Class<T> type, Function<PythonContext, T> create) {
        Object value = attachments.get(key);
        if (value == null) {
            value = create.apply(this);
            attachments.put(key, value);
        }
        return type.cast(value);
    }

    /**
     * Hands a context prepared ahead of time to one caller of the resident process: the routing
     * and Python path of {@code settings}, the caller's working directory and environment.
     */
    public void adopt(ContextSettings settings, Path workingDirectory, Map<String, String> environment) {
        host.invokeMember("install_gateway", gateway(settings));
        String[] variables = environment.entrySet().stream()
                .map(variable -> variable.getKey() + "=" + variable.getValue())
                .toArray(String[]::new);
        String path = pythonPath(settings);
        host.invokeMember("adopt_caller", workingDirectory.toString(), variables,
                path.isEmpty() ? new String[0] : path.split(File.pathSeparator));
    }

    /**
     * Registers the script's SIGINT handler with the JVM again (its own, or the default that
     * raises KeyboardInterrupt), so that the caller can take it from {@code sun.misc.Signal} and
     * run it for this context alone: "call", or "ignore" / "default" when it is no function.
     */
    public String registerInterruptHandler() {
        return host.invokeMember("register_sigint_handler").asString();
    }

    /** Puts the interpreter back into the state it had after creation. */
    public void restoreBaseline() {
        baseline.invokeMember("restore");
    }

    /** Cancels whatever runs in this context and closes it; safe from any thread. */
    public void cancel() {
        context.close(true);
    }

    @Override
    public void close() {
        context.close(true);
    }
}

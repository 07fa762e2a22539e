package dev.tandem;

import dev.tandem.ffi.ForeignKernel;
import dev.tandem.route.Backend;
import dev.tandem.route.Calibrations;
import dev.tandem.route.JavaKernelAdapter;
import dev.tandem.route.KernelBackend;
import dev.tandem.route.KernelRegistry;
import dev.tandem.route.UserKernels;
import dev.tandem.runtime.ContextPool;
import dev.tandem.runtime.ContextSettings;
import dev.tandem.runtime.Interpreter;
import dev.tandem.runtime.Lease;
import dev.tandem.runtime.PoolOptions;
import dev.tandem.runtime.PythonContext;
import dev.tandem.runtime.VirtualEnv;
import dev.tandem.runtime.Watchdog;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;
import org.graalvm.polyglot.HostAccess;

/**
 * Runs Python code from Java. Thread-safe: calls from many threads run at once, each in a
 * context leased from a pool on one shared engine. A call leaves nothing behind for the
 * next one (modules it imported, builtins it patched, sys state are undone); use
 * {@link #openSession()} to keep state across calls.
 *
 * <p>Safe by default: scripts get no host file access, no Java class lookup, no native
 * code, no threads, processes or environment, and only {@link HostAccess.Export}ed members
 * (plus arrays, lists and maps) of Java objects. Each right is granted on the builder.
 *
 * <pre>{@code
 * try (Tandem tandem = Tandem.builder().timeout(Duration.ofSeconds(5)).build()) {
 *     long n = tandem.eval("sum(range(10))", Long.class);
 * }
 * }</pre>
 */
public final class Tandem implements AutoCloseable {
    private final ContextPool pool;
    private final Watchdog watchdog = new Watchdog();
    private final Duration timeout;
    private final Duration acquireTimeout;

    private Tandem(Builder builder) {
        ContextSettings settings = builder.settings();
        this.timeout = builder.options.timeout();
        this.acquireTimeout = builder.options.acquireTimeout();
        this.pool = new ContextPool(() -> PythonContext.create(settings), builder.options.poolSize(), builder.prewarm);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Executes Python code in a fresh namespace and returns the value of its last expression
     * (null when it ends with a statement), converted to plain Java values.
     */
    public Object eval(String code) {
        return eval(code, Object.class);
    }

    /** Like {@link #eval(String)}, checked against and converted to {@code type}. */
    public <T> T eval(String code, Class<T> type) {
        return run(call -> call.eval(code, type));
    }

    /** Imports {@code module} and calls its {@code function} with Java arguments. */
    public Object call(String module, String function, Object... arguments) {
        return call(Object.class, module, function, arguments);
    }

    /** Like {@link #call(String, String, Object...)}, converted to {@code type}. */
    public <T> T call(Class<T> type, String module, String function, Object... arguments) {
        return run(call -> call.call(type, module, function, arguments));
    }

    /**
     * Runs a script file as {@code __main__} with {@code sys.argv = [script, *arguments]}.
     * The file is read by the host, so the script needs no file access to be run.
     *
     * @return the exit status: 0, or the code of the script's SystemExit
     * @throws PythonException when the script raises
     */
    public int run(Path script, String... arguments) {
        String source = readScript(script);
        return run(call -> call.run(source, script.toString(), arguments));
    }

    /**
     * Leases a context for the caller's exclusive, stateful use until the session closes;
     * the context is then thrown away.
     */
    public Session openSession() {
        PythonContext context = pool.acquire(acquireTimeout);
        return new Session(new Lease(context, pool, watchdog, timeout));
    }

    /** How many contexts may run at once. */
    public int poolSize() {
        return pool.size();
    }

    private <T> T run(Function<Lease, T> body) {
        Lease call = new Lease(pool.acquire(acquireTimeout), pool, watchdog, timeout);
        try {
            return body.apply(call);
        } finally {
            call.finish(true);
        }
    }

    static String readScript(Path script) {
        try {
            return Files.readString(script, StandardCharsets.UTF_8);
        } catch (IOException unreadable) {
            throw new TandemException("can't read script " + script + ": " + unreadable.getMessage(), unreadable);
        }
    }

    @Override
    public void close() {
        watchdog.close();
        pool.close();
    }

    /** Configures a {@link Tandem}; every right is off until granted here. */
    public static final class Builder {
        private final PoolOptions options = new PoolOptions();
        private boolean nativeAccess;
        private HostAccess hostAccess = ContextSettings.SAFE_HOST_ACCESS;
        private final Map<String, Object> exposed = new LinkedHashMap<>();
        private final List<Path> pythonPath = new ArrayList<>();
        private Path venv;
        private final List<String> preimports = new ArrayList<>();
        private final KernelRegistry kernels = KernelRegistry.withBuiltins();
        private Calibrations calibrations;
        private InputStream in = InputStream.nullInputStream();
        private OutputStream out = System.out;
        private OutputStream err = System.err;
        private int prewarm = 1;

        private Builder() {}

        /** Lets scripts read, or read and write, host files. */
        public Builder hostFileAccess(HostFileAccess access) {
            options.hostFileAccess(access);
            return this;
        }

        /** Lets scripts look up the Java classes whose names pass {@code filter} ({@code java.type}). */
        public Builder allowHostClassLookup(Predicate<String> filter) {
            options.allowHostClassLookup(filter);
            return this;
        }

        /** Lets scripts load native code. */
        public Builder allowNativeAccess(boolean allow) {
            this.nativeAccess = allow;
            return this;
        }

        /** Which members of Java objects scripts may use (default: exported ones and data). */
        public Builder hostAccess(HostAccess access) {
            this.hostAccess = Objects.requireNonNull(access);
            return this;
        }

        /** Makes a Java object visible to every script as the builtin {@code name}. */
        public Builder expose(String name, Object value) {
            if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new IllegalArgumentException("not a Python identifier: '" + name + "'");
            }
            exposed.put(name, value);
            return this;
        }

        /** Adds a directory of Python modules to sys.path; needs at least READ file access. */
        public Builder addPythonPath(Path directory) {
            pythonPath.add(directory);
            return this;
        }

        /**
         * Makes the packages installed in a virtual environment importable (one made by
         * {@code tandem -m venv DIR} and filled by {@code DIR/bin/pip install}). Scripts may
         * read that directory and nothing else, unless {@link #hostFileAccess} grants more;
         * they cannot write it. Checked by {@link #build()}: a missing directory, a damaged
         * {@code pyvenv.cfg} or an environment made by another interpreter is an
         * {@link IllegalArgumentException} saying so.
         */
        public Builder venv(Path directory) {
            this.venv = Objects.requireNonNull(directory);
            return this;
        }

        /**
         * Imports these modules into every pooled context before it serves calls. They then
         * belong to the clean state, so calls that use them do not re-import them each time
         * (a call's own imports are undone after it).
         */
        public Builder preimport(String... modules) {
            for (String module : modules) {
                if (!module.matches("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*")) {
                    throw new IllegalArgumentException("not a module name: '" + module + "'");
                }
                preimports.add(module);
            }
            return this;
        }

        /** The default backend of every kernel: python, java, rust or auto (the fastest, measured). */
        public Builder backend(String backend) {
            options.backend(backend);
            return this;
        }

        /** Routes one kernel to a backend, whatever the default. */
        public Builder route(String kernel, String backend) {
            options.route(kernel, backend);
            return this;
        }

        /**
         * Registers the Java backend of a kernel whose Python reference a script declares
         * with {@code @tandem.kernel(name)}.
         */
        public Builder javaKernel(String name, JavaKernel implementation) {
            Objects.requireNonNull(implementation);
            JavaKernelAdapter adapter = new JavaKernelAdapter(implementation);
            kernels.add(name, Backend.JAVA, KernelBackend.of(() -> adapter, "call"));
            return this;
        }

        /**
         * Registers the Rust (or any C ABI) backend of a kernel: {@code symbol} in the shared
         * library at {@code library}, with a signature such as {@code i64(str)} (see
         * {@link dev.tandem.ffi.ForeignSignature}). The library is loaded and the symbol bound
         * here, so a wrong path, name or signature fails now, not in a script.
         */
        public Builder rustKernel(String name, Path library, String symbol, String signature) {
            ForeignKernel kernel = ForeignKernel.bind(name, library, symbol, signature);
            kernels.add(name, Backend.RUST, KernelBackend.of(() -> kernel, "call"));
            return this;
        }

        /**
         * Registers the kernels at {@code path}: a kernel library built with the tandem-kernel
         * crate (its Rust kernels, found by the manifest it exports), a jar (its methods
         * annotated {@link Kernel}), or a crate directory built by {@code tandem kernel build}.
         * Loaded here, so a missing manifest, another ABI version or a kernel name two of them
         * provide fails now, with the reason.
         */
        public Builder kernels(Path path) {
            UserKernels.load(kernels, path, UserKernels.cargoTargetDir(System.getenv(), Path::of));
            return this;
        }

        /**
         * Reads the figures {@code auto} routing chooses by from this file (as written by
         * {@code tandem calibrate}) instead of the user's; scripts never write it. Invalid
         * entries are ignored with a note on System.err.
         */
        public Builder calibrationFile(Path file) {
            this.calibrations = new Calibrations(Objects.requireNonNull(file), System.err);
            return this;
        }

        /** Where scripts' {@code sys.stdout} goes (default: System.out). */
        public Builder stdout(OutputStream stream) {
            this.out = Objects.requireNonNull(stream);
            return this;
        }

        /** Where scripts' {@code sys.stderr} goes (default: System.err). */
        public Builder stderr(OutputStream stream) {
            this.err = Objects.requireNonNull(stream);
            return this;
        }

        /** What scripts read from {@code sys.stdin} (default: nothing). */
        public Builder stdin(InputStream stream) {
            this.in = Objects.requireNonNull(stream);
            return this;
        }

        /** Cancels a call that runs longer than this, with {@link ScriptTimeoutException}; zero: never. */
        public Builder timeout(Duration limit) {
            options.timeout(limit);
            return this;
        }

        /** How long a call waits for a free context before {@link PoolExhaustedException}. */
        public Builder acquireTimeout(Duration limit) {
            options.acquireTimeout(limit);
            return this;
        }

        /** How many contexts may run at once (default: the number of cores, at most 8). */
        public Builder poolSize(int size) {
            options.poolSize(size);
            return this;
        }

        /** How many contexts to build before {@link #build()} returns the first (default 1). */
        public Builder prewarm(int contexts) {
            this.prewarm = contexts;
            return this;
        }

        public Tandem build() {
            if (!pythonPath.isEmpty() && options.files() == HostFileAccess.NONE) {
                throw new IllegalStateException("addPythonPath needs hostFileAccess(READ) or READ_WRITE: "
                        + "scripts cannot import from " + pythonPath + " without reading host files");
            }
            if (venv != null) {
                VirtualEnv.open(venv); // fails now, with its reason, rather than in a script
            }
            return new Tandem(this);
        }

        private ContextSettings settings() {
            Interpreter interpreter = venv == null ? Interpreter.EMBEDDED
                    : Interpreter.EMBEDDED.withVenv(VirtualEnv.open(venv));
            return new ContextSettings(false, options.files(), options.hostClassLookup(), nativeAccess, hostAccess,
                    exposed, pythonPath, interpreter, preimports, kernels, options.policy(),
                    calibrations == null ? Calibrations.shared() : calibrations, ContextSettings.Calibrating.NONE,
                    in, out, err);
        }
    }
}

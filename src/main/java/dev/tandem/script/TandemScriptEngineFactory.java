package dev.tandem.script;

import dev.tandem.HostFileAccess;
import dev.tandem.route.RoutePolicy;
import dev.tandem.runtime.PoolOptions;
import dev.tandem.runtime.SharedEngine;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.script.ScriptEngine;
import javax.script.ScriptEngineFactory;

/**
 * Python 3 for {@code javax.script}: found as {@code python}, {@code python3} or
 * {@code tandem}, by the extension {@code py} and the MIME types {@code text/x-python} and
 * {@code application/x-python}.
 *
 * <p>The factory {@link javax.script.ScriptEngineManager} finds is configured by system
 * properties (read once, when its first engine runs a script): {@code tandem.script.files}
 * ({@code none}, {@code read}, {@code read_write}), {@code tandem.script.hostClasses}
 * (comma-separated class-name prefixes scripts may look up with {@code java.type}),
 * {@code tandem.script.backend} ({@code auto}, {@code python}, {@code java}, {@code rust}),
 * {@code tandem.script.timeout} (such as {@code 500ms} or {@code 5s}; {@code 0}: none) and
 * {@code tandem.script.poolSize} and {@code tandem.script.reset} ({@code true}: put each context
 * back to its clean state after every evaluation). The defaults are the embedding API's: no file access, no
 * host classes, no native code, threads, processes or environment; auto routing; no
 * timeout; one context per core, at most 8; no reset. A host that wants its own settings builds a
 * factory with {@link #builder()} and registers it with
 * {@link javax.script.ScriptEngineManager#registerEngineName}.
 */
public final class TandemScriptEngineFactory implements ScriptEngineFactory, AutoCloseable {
    private static final List<String> NAMES = List.of("python", "python3", "tandem", "Python", "Tandem");
    private static final List<String> EXTENSIONS = List.of("py");
    private static final List<String> MIME_TYPES = List.of("text/x-python", "application/x-python",
            "text/python", "application/python");
    /** What the factories built by ServiceLoader share: one pool per process, not per manager. */
    private static ScriptRuntime defaultRuntime;

    private final Builder settings;
    private volatile ScriptRuntime runtime;

    /** The factory of {@link javax.script.ScriptEngineManager}, configured by system properties. */
    public TandemScriptEngineFactory() {
        this.settings = null;
    }

    private TandemScriptEngineFactory(Builder settings) {
        this.settings = settings;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder set from the {@code tandem.script.*} entries of {@code properties} (see the class
     * comment); a bad value fails here, naming its property.
     */
    public static Builder builder(java.util.Properties properties) {
        return Builder.fromSystemProperties(properties);
    }

    ScriptRuntime runtime() {
        if (settings == null) {
            synchronized (TandemScriptEngineFactory.class) {
                if (defaultRuntime == null) {
                    defaultRuntime = new ScriptRuntime(builder(System.getProperties()));
                }
                return defaultRuntime;
            }
        }
        ScriptRuntime current = runtime;
        if (current == null) {
            synchronized (this) {
                current = runtime;
                if (current == null) {
                    runtime = current = new ScriptRuntime(settings);
                }
            }
        }
        return current;
    }

    @Override
    public String getEngineName() {
        return "Tandem";
    }

    @Override
    public String getEngineVersion() {
        var descriptor = TandemScriptEngineFactory.class.getModule().getDescriptor();
        if (descriptor != null && descriptor.rawVersion().isPresent()) {
            return descriptor.rawVersion().get();
        }
        String manifest = TandemScriptEngineFactory.class.getPackage().getImplementationVersion();
        return manifest == null ? "dev" : manifest;
    }

    @Override
    public List<String> getExtensions() {
        return EXTENSIONS;
    }

    @Override
    public List<String> getMimeTypes() {
        return MIME_TYPES;
    }

    @Override
    public List<String> getNames() {
        return NAMES;
    }

    @Override
    public String getLanguageName() {
        return "python";
    }

    /** The Python version GraalPy implements (asks the shared polyglot engine, built on first use). */
    @Override
    public String getLanguageVersion() {
        return SharedEngine.get().getLanguages().get("python").getVersion();
    }

    /**
     * The standard keys, and {@code THREADING}: {@code MULTITHREADED}. One engine may be used
     * from many threads at once, each evaluation in a context of its own; what a script
     * assigns is written to the Bindings it ran with, which other threads may share.
     */
    @Override
    public Object getParameter(String key) {
        return switch (key) {
            case ScriptEngine.ENGINE -> getEngineName();
            case ScriptEngine.ENGINE_VERSION -> getEngineVersion();
            case ScriptEngine.NAME -> NAMES.getFirst();
            case ScriptEngine.LANGUAGE -> getLanguageName();
            case ScriptEngine.LANGUAGE_VERSION -> getLanguageVersion();
            case "THREADING" -> "MULTITHREADED";
            default -> null;
        };
    }

    @Override
    public String getMethodCallSyntax(String object, String method, String... arguments) {
        return object + "." + method + "(" + String.join(", ", arguments) + ")";
    }

    @Override
    public String getOutputStatement(String text) {
        return "print(" + pythonString(text) + ")";
    }

    @Override
    public String getProgram(String... statements) {
        return String.join("\n", statements) + "\n";
    }

    @Override
    public ScriptEngine getScriptEngine() {
        return new TandemScriptEngine(this);
    }

    /** Closes the contexts of a factory made by {@link #builder()}; the shared default stays. */
    @Override
    public void close() {
        ScriptRuntime current = runtime;
        if (current != null) {
            current.close();
        }
    }

    /** A Python string literal of {@code text}. */
    static String pythonString(String text) {
        StringBuilder literal = new StringBuilder("\"");
        text.codePoints().forEach(c -> {
            switch (c) {
                case '\\' -> literal.append("\\\\");
                case '"' -> literal.append("\\\"");
                case '\n' -> literal.append("\\n");
                case '\r' -> literal.append("\\r");
                case '\t' -> literal.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        literal.append(String.format("\\x%02x", c));
                    } else {
                        literal.appendCodePoint(c);
                    }
                }
            }
        });
        return literal.append('"').toString();
    }

    /** What the engines of a factory may do; every right is off until granted. */
    public static final class Builder {
        private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s)?");

        /** What Tandem.Builder takes too, checked in one place. */
        final PoolOptions options = new PoolOptions();
        boolean resetEachEvaluation;

        private Builder() {}

        /**
         * Puts each context back to its clean state after every evaluation, as {@code Tandem.eval}
         * does, so that a script that patches a module, builtins or sys cannot affect the next
         * one. Off by default: the reset costs milliseconds per evaluation, and scripts' own
         * globals never outlive their evaluation either way.
         */
        public Builder resetEachEvaluation(boolean reset) {
            this.resetEachEvaluation = reset;
            return this;
        }

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

        /** The default backend of every kernel: python, java, rust or auto. */
        public Builder backend(String backend) {
            options.backend(backend);
            return this;
        }

        /** Cancels an evaluation that runs longer than this ({@link javax.script.ScriptException}); zero: never. */
        public Builder timeout(Duration limit) {
            options.timeout(limit);
            return this;
        }

        /** How many scripts may run at once (contexts in the pool). */
        public Builder poolSize(int size) {
            options.poolSize(size);
            return this;
        }

        /** How long an evaluation waits for a free context when all are busy (default 60 s). */
        public Builder acquireTimeout(Duration limit) {
            options.acquireTimeout(limit);
            return this;
        }

        public TandemScriptEngineFactory build() {
            return new TandemScriptEngineFactory(this);
        }

        /** The settings the {@code tandem.script.*} properties give; a bad value names its property. */
        static Builder fromSystemProperties(java.util.Properties properties) {
            Builder builder = new Builder();
            String files = properties.getProperty("tandem.script.files");
            if (files != null) {
                try {
                    builder.hostFileAccess(HostFileAccess.valueOf(files.trim().toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException bad) {
                    throw invalid("tandem.script.files", files, "none, read or read_write");
                }
            }
            String classes = properties.getProperty("tandem.script.hostClasses");
            if (classes != null && !classes.isBlank()) {
                List<String> prefixes = Arrays.stream(classes.split(",")).map(String::trim)
                        .filter(prefix -> !prefix.isEmpty()).toList();
                builder.allowHostClassLookup(name -> prefixes.stream().anyMatch(name::startsWith));
            }
            String backend = properties.getProperty("tandem.script.backend");
            if (backend != null) {
                if (!RoutePolicy.CHOICES.contains(backend.trim())) {
                    throw invalid("tandem.script.backend", backend, String.join(", ", RoutePolicy.CHOICES));
                }
                builder.backend(backend.trim());
            }
            String timeout = properties.getProperty("tandem.script.timeout");
            if (timeout != null) {
                Matcher matcher = DURATION.matcher(timeout.trim());
                if (!matcher.matches()) {
                    throw invalid("tandem.script.timeout", timeout, "a duration such as 500ms or 5s (0: none)");
                }
                long amount = Long.parseLong(matcher.group(1));
                builder.timeout("ms".equals(matcher.group(2)) ? Duration.ofMillis(amount) : Duration.ofSeconds(amount));
            }
            String reset = properties.getProperty("tandem.script.reset");
            if (reset != null) {
                if (!reset.trim().equals("true") && !reset.trim().equals("false")) {
                    throw invalid("tandem.script.reset", reset, "true or false");
                }
                builder.resetEachEvaluation(Boolean.parseBoolean(reset.trim()));
            }
            String poolSize = properties.getProperty("tandem.script.poolSize");
            if (poolSize != null) {
                try {
                    builder.poolSize(Integer.parseInt(poolSize.trim()));
                } catch (IllegalArgumentException bad) {
                    throw invalid("tandem.script.poolSize", poolSize, "a whole number of at least 1");
                }
            }
            return builder;
        }

        private static IllegalArgumentException invalid(String property, String value, String expected) {
            return new IllegalArgumentException("system property " + property + "='" + value + "' is not valid;"
                    + " expected " + expected);
        }
    }
}

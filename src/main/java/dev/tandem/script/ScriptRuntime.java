package dev.tandem.script;

import dev.tandem.route.Calibrations;
import dev.tandem.route.KernelRegistry;
import dev.tandem.runtime.ContextPool;
import dev.tandem.runtime.ContextSettings;
import dev.tandem.runtime.Interpreter;
import dev.tandem.runtime.Lease;
import dev.tandem.runtime.PoolOptions;
import dev.tandem.runtime.PythonContext;
import dev.tandem.runtime.RuntimeFacts;
import dev.tandem.runtime.Watchdog;
import java.io.InputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.graalvm.polyglot.Value;

/**
 * The contexts behind the engines of one factory: a pool on Tandem's shared engine, with the
 * factory's sandbox, routing and timeout. Engines are cheap views of it; a script borrows a
 * context for one evaluation, and the context is reset before anyone else gets it.
 */
final class ScriptRuntime implements AutoCloseable {
    private static final String MODULE = "tandem._scripting";
    /** The key of the module handle each context keeps for this runtime. */
    private static final Object MODULE_KEY = new Object();
    private static final AtomicBoolean INTERPRETER_NOTED = new AtomicBoolean();

    private final TandemScriptEngineFactory.Builder settings;
    private final ContextPool pool;
    private final Watchdog watchdog = new Watchdog();

    ScriptRuntime(TandemScriptEngineFactory.Builder settings) {
        this.settings = settings;
        PoolOptions options = settings.options;
        ContextSettings contexts = new ContextSettings(false, options.files(), options.hostClassLookup(),
                false, ContextSettings.SAFE_HOST_ACCESS, Map.of(), List.of(), Interpreter.EMBEDDED, List.of(MODULE),
                KernelRegistry.withBuiltins(), options.policy(), Calibrations.shared(),
                ContextSettings.Calibrating.NONE, InputStream.nullInputStream(), System.out, System.err);
        this.pool = new ContextPool(() -> PythonContext.create(contexts), options.poolSize(), 1);
        noteMissingCompiler(System.err);
    }

    /** Says once per process, on stderr, that Python runs interpreted (tens of times slower). */
    private static void noteMissingCompiler(PrintStream err) {
        RuntimeFacts facts = RuntimeFacts.probe();
        if (!facts.runtimeCompilation() && INTERPRETER_NOTED.compareAndSet(false, true)) {
            err.println("[tandem] the javax.script engine runs Python without runtime compilation (much slower): "
                    + facts.whyNoCompilation() + "; see docs/scripting.md");
        }
    }

    Duration timeout() {
        return settings.options.timeout();
    }

    int poolSize() {
        return pool.size();
    }

    /**
     * Runs {@code body} in a leased context under the timeout, then gives the context back:
     * reset to its clean state when the factory asks for that (it costs milliseconds), else as
     * it is (the script's globals were its own dict anyway; see docs/scripting.md).
     */
    <T> T leased(Function<PythonContext, T> body) {
        Lease lease = new Lease(pool.acquire(settings.options.acquireTimeout()), pool, watchdog, settings.options.timeout());
        try {
            return lease.guarded(() -> body.apply(lease.context()));
        } finally {
            if (settings.resetEachEvaluation) {
                lease.finish(true);
            } else {
                lease.releaseAsIs();
            }
        }
    }

    /** tandem._scripting in {@code context}. */
    static Value module(PythonContext context) {
        return context.attachment(MODULE_KEY, Value.class, live -> live.importModule(MODULE));
    }

    @Override
    public void close() {
        watchdog.close();
        pool.close();
    }
}

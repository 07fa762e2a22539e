package dev.tandem.spark;

import dev.tandem.Tandem;
import dev.tandem.runtime.RuntimeFacts;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.apache.spark.SparkEnv;

/**
 * The Tandem of this JVM (an executor's, or the driver's in local mode): created on first
 * use, then reused by every task until the JVM exits. One instance per script and setting
 * (backend, timeout), all on Tandem's one shared engine; each keeps a pool of contexts as
 * large as the executor's task slots, with the script loaded once per context.
 */
final class ExecutorTandem {
    private record Key(String scriptName, String source, String backend, Duration timeout) {}

    private static final Map<Key, ScriptSessions> INSTANCES = new ConcurrentHashMap<>();

    private ExecutorTandem() {}

    /** The loaded script of {@code function}, built on first use in this JVM. */
    static ScriptSessions of(TandemFunction function) {
        Key key = new Key(function.scriptName(), function.source(), function.backend(), function.timeout());
        return INSTANCES.computeIfAbsent(key, unused -> withTandemsLoader(() -> start(function)));
    }

    /**
     * Runs {@code body} with Tandem's class loader as the thread's context class loader. A
     * Spark task's is the executor's class loader for user jars, through which Truffle finds
     * no languages ("Could not find option with name python.PythonPath"); Tandem's pool
     * threads inherit the loader of the thread that starts them.
     */
    static <T> T withTandemsLoader(Supplier<T> body) {
        Thread thread = Thread.currentThread();
        ClassLoader task = thread.getContextClassLoader();
        thread.setContextClassLoader(Tandem.class.getClassLoader());
        try {
            return body.get();
        } finally {
            thread.setContextClassLoader(task);
        }
    }

    private static ScriptSessions start(TandemFunction function) {
        int slots = taskSlots();
        Tandem tandem = Tandem.builder()
                .backend(function.backend())
                .timeout(function.timeout())
                .poolSize(slots)
                // A script's contexts are leased for the JVM's life: a task waits for one
                // as long as Spark lets it run.
                .acquireTimeout(Duration.ofDays(1))
                .build();
        RuntimeFacts facts = RuntimeFacts.probe();
        if (!facts.runtimeCompilation()) {
            System.err.println("tandem-spark: WARNING: this JVM runs Python without runtime compilation ("
                    + facts.whyNoCompilation() + "), 20-40x slower; results are the same. docs/spark.md lists the"
                    + " executor JVM options that give it the Graal JIT.");
        }
        ScriptSessions sessions = new ScriptSessions(tandem, function);
        Runtime.getRuntime().addShutdownHook(new Thread(sessions::close, "tandem-spark-close"));
        return sessions;
    }

    /** How many tasks this JVM runs at once: spark.executor.cores, or its cores in local mode. */
    private static int taskSlots() {
        int cores = Runtime.getRuntime().availableProcessors();
        SparkEnv env = SparkEnv.get();
        if (env == null || "driver".equals(env.executorId())) {
            return cores;
        }
        return env.conf().getInt("spark.executor.cores", cores);
    }
}

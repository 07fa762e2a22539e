package dev.tandem.tests.bench;

import dev.tandem.HostFileAccess;
import dev.tandem.Tandem;
import dev.tandem.route.Calibrations;
import dev.tandem.route.KernelRegistry;
import dev.tandem.route.RoutePolicy;
import dev.tandem.runtime.ContextSettings;
import dev.tandem.runtime.Interpreter;
import dev.tandem.runtime.PythonContext;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.graalvm.polyglot.Value;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * JMH benchmarks of the boundary as a Java embedder meets it: leasing a pooled context, building
 * a fresh one, and calling a Python function Java holds (bare, and one that calls a host
 * kernel). Run by {@code tandem bench --kernel boundary} (scripts/bench/tandem_bench/boundary.py), all
 * in one JVM started for them; the Python-side crossings are timed inside Python (notes/bench.md).
 */
public class BoundaryBench {

    /** One Tandem instance with a single pooled context, built once per run. */
    @State(Scope.Benchmark)
    public static class Pool {
        Tandem tandem;

        @Setup(Level.Trial)
        public void open() {
            tandem = Tandem.builder().poolSize(1).prewarm(1).build();
            tandem.eval("None");
        }

        @TearDown(Level.Trial)
        public void close() {
            tandem.close();
        }
    }

    /** A context with two Python functions held as Values: one returns its argument's length,
     * the other hashes it with the text.fnv1a_32 kernel on the Java backend. */
    @State(Scope.Benchmark)
    public static class Held {
        PythonContext context;
        Value length;
        Value kernel;

        @Setup(Level.Trial)
        public void open() {
            // Tandem.builder()'s defaults: every context on the shared engine must have the same
            // host access configuration.
            context = PythonContext.create(new ContextSettings(false, HostFileAccess.NONE, null, false,
                    ContextSettings.SAFE_HOST_ACCESS, Map.of(), List.of(), Interpreter.EMBEDDED, List.of(),
                    KernelRegistry.withBuiltins(),
                    new RoutePolicy("java", Map.of()), Calibrations.shared(), ContextSettings.Calibrating.NONE,
                    InputStream.nullInputStream(),
                    OutputStream.nullOutputStream(), System.err));
            length = context.evaluate("lambda s: len(s)", "<bench>", false);
            kernel = context.evaluate("from tandem import text\ntext.fnv1a_32", "<bench>", false);
            if (kernel.execute("ab").asLong() != 0x4d2505caL) {
                throw new IllegalStateException("text.fnv1a_32('ab') gave " + kernel.execute("ab"));
            }
        }

        @TearDown(Level.Trial)
        public void close() {
            context.close();
        }
    }

    /** Lease a pooled context, evaluate {@code None}, put its clean state back, return it. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Object poolLease(Pool pool) {
        return pool.tandem.eval("None");
    }

    /**
     * A new Tandem instance (one context on the process's shared engine, warmed by the Pool
     * state's set-up, which is not timed), one eval, closed. Seconds each on a loaded machine:
     * one call per measurement.
     */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public Object freshContext(Pool warmEngine) {
        try (Tandem tandem = Tandem.builder().poolSize(1).build()) {
            return tandem.eval("None");
        }
    }

    /** Java calls a Python function it holds: Java -> Python -> Java. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public long heldPythonFunction(Held held) {
        return held.length.execute("ab").asLong();
    }

    /** Java calls a held Python kernel function that crosses back to the Java backend. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public long heldPythonFunctionCallingHostKernel(Held held) {
        return held.kernel.execute("ab").asLong();
    }
}

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import javax.script.Bindings;
import javax.script.Compilable;
import javax.script.CompiledScript;
import javax.script.ScriptEngine;
import javax.script.ScriptEngineManager;

/**
 * A JMeter-like loop on one JSR-223 engine (`tandem bench --kernel jsr223`): a small script
 * compiled once, evaluated EVALUATIONS times with fresh bindings each time, from 1 and from 2
 * threads (an engine per thread, as JMeter keeps them), every result checked. Prints one JSON
 * line: per thread count the median and best microseconds per evaluation (over batches of
 * 1,000), the spread (interquartile range / median), the evaluations per second of all
 * threads together, and the median CPU time of the evaluating thread per evaluation (which a
 * loaded machine distorts far less than wall time).
 *
 * <p>Arguments: engine name (python, js), evaluations per thread count, thread counts (1,2), and
 * a time budget in seconds per thread count: an engine that needs milliseconds per evaluation
 * stops after the batches that fit (at least one), and the line says how many it ran.
 */
public final class Jsr223Peer {
    private static final int BATCH = 1_000;
    /** The same text for Python 3 (Tandem) and Python 2.7 (Jython). */
    private static final String PYTHON = "label = name + '-' + str(i)\nvalue = i * 2 + len(label)\n";
    private static final String JS = "var label = name + '-' + i; var value = i * 2 + label.length;";

    public static void main(String[] args) throws Exception {
        String engineName = args[0];
        int evaluations = Integer.parseInt(args[1]);
        int[] threadCounts = Arrays.stream(args[2].split(",")).mapToInt(Integer::parseInt).toArray();
        long budget = Long.parseLong(args[3]) * 1_000_000_000L;
        ScriptEngineManager manager = new ScriptEngineManager();
        ScriptEngine probe = manager.getEngineByName(engineName);
        if (probe == null) {
            throw new IllegalStateException("no javax.script engine named " + engineName);
        }
        String version = probe.getFactory().getEngineName() + " " + probe.getFactory().getEngineVersion();
        String script = probe.getFactory().getLanguageName().toLowerCase().contains("python") ? PYTHON : JS;
        StringBuilder json = new StringBuilder("{\"version\": \"" + version + "\", \"results\": [");
        for (int t = 0; t < threadCounts.length; t++) {
            int threads = threadCounts[t];
            List<double[]> perThread = new ArrayList<>();
            List<double[]> cpuPerThread = new ArrayList<>();
            CyclicBarrier start = new CyclicBarrier(threads);
            List<Thread> workers = new ArrayList<>();
            long[] wall = new long[2];
            for (int w = 0; w < threads; w++) {
                double[] batches = new double[evaluations / threads / BATCH];
                perThread.add(batches);
                double[] cpu = new double[batches.length];
                cpuPerThread.add(cpu);
                ScriptEngine engine = manager.getEngineByName(engineName);
                CompiledScript compiled = ((Compilable) engine).compile(script);
                workers.add(Thread.ofPlatform().start(() -> {
                    try {
                        start.await();
                        long began = System.nanoTime();
                        loop(engine, compiled, batches, cpu, began + budget);
                        synchronized (wall) {
                            wall[0] = Math.max(wall[0], System.nanoTime() - began);
                        }
                    } catch (Exception failure) {
                        throw new RuntimeException(failure);
                    }
                }));
            }
            for (Thread worker : workers) {
                worker.join();
            }
            double[] all = perThread.stream().flatMapToDouble(Arrays::stream).filter(us -> us > 0).sorted().toArray();
            if (all.length == 0) {
                throw new IllegalStateException("a thread failed (see above)");
            }
            double median = all[all.length / 2];
            double spread = (all[all.length * 3 / 4] - all[all.length / 4]) / median;
            double perSecond = (double) (all.length * BATCH) / (wall[0] / 1e9);
            double[] cpu = cpuPerThread.stream().flatMapToDouble(Arrays::stream).filter(us -> us > 0).sorted().toArray();
            json.append(t == 0 ? "" : ", ").append(String.format(java.util.Locale.ROOT,
                    "{\"threads\": %d, \"median_us\": %.3f, \"best_us\": %.3f, \"spread\": %.3f,"
                    + " \"evals_per_s\": %.0f, \"evaluations\": %d, \"median_cpu_us\": %.3f, \"best_cpu_us\": %.3f,"
                    + " \"cpu_spread\": %.3f}", threads, median, all[0], spread, perSecond, all.length * BATCH,
                    cpu[cpu.length / 2], cpu[0], (cpu[cpu.length * 3 / 4] - cpu[cpu.length / 4]) / cpu[cpu.length / 2]));
        }
        System.out.println(json.append("]}"));
        System.exit(0); // engines may keep non-daemon threads
    }

    /**
     * Evaluates in batches until done or past the deadline; each batch's wall and thread-CPU
     * microseconds per evaluation (batches not run stay 0). Every result is checked.
     */
    private static void loop(ScriptEngine engine, CompiledScript compiled, double[] batches, double[] cpu,
            long deadline) throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        int i = 0;
        for (int batch = 0; batch < batches.length && (batch == 0 || System.nanoTime() < deadline); batch++) {
            long began = System.nanoTime();
            long cpuBegan = threads.getCurrentThreadCpuTime();
            for (int k = 0; k < BATCH; k++, i++) {
                Bindings bindings = engine.createBindings();
                bindings.put("name", "user");
                bindings.put("i", i);
                compiled.eval(bindings);
                long expected = i * 2L + ("user-" + i).length();
                Object value = bindings.get("value");
                if (!(value instanceof Number number) || number.longValue() != expected) {
                    throw new IllegalStateException("evaluation " + i + " gave " + value + ", expected " + expected);
                }
            }
            batches[batch] = (System.nanoTime() - began) / 1e3 / BATCH;
            cpu[batch] = (threads.getCurrentThreadCpuTime() - cpuBegan) / 1e3 / BATCH;
        }
    }
}

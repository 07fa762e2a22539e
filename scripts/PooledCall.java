import dev.tandem.Tandem;
import java.util.Arrays;

/**
 * Measures the time to take a warm pooled context and call a small Python function through
 * the embedding API: median and 90th percentile of single calls, after warm-up.
 * Run by scripts/measure-startup.sh.
 */
public final class PooledCall {
    public static void main(String[] args) {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        try (Tandem tandem = Tandem.builder().poolSize(1).preimport("math", "json").build()) {
            report("call(math.gcd)", calls, () -> tandem.call("math", "gcd", 54, 24));
            report("call(json.dumps)", calls, () -> tandem.call("json", "dumps", 42));
            report("eval(expression)", calls, () -> tandem.eval("6 * 7"));
        }
    }

    private static void report(String what, int calls, Runnable call) {
        long[] nanos = new long[calls];
        for (int i = 0; i < calls; i++) { // warm-up: let GraalPy compile the paths
            call.run();
        }
        for (int i = 0; i < calls; i++) {
            long start = System.nanoTime();
            call.run();
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        System.out.printf("pooled %-18s median %.3f ms  p90 %.3f ms  (%d calls)%n", what,
                nanos[calls / 2] / 1e6, nanos[calls * 9 / 10] / 1e6, calls);
    }
}

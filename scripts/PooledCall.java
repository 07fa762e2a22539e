import dev.tandem.Tandem;
import java.util.Arrays;
import java.util.concurrent.locks.LockSupport;

/**
 * Measures a call through the embedding API on a warm pool: median and 90th percentile of
 * single calls after warm-up, back to back (each call waits for the reset of the one before)
 * and spaced 2 ms apart (the reset runs between calls, as in a server between requests).
 * Run by scripts/measure-startup.sh.
 */
public final class PooledCall {
    public static void main(String[] args) {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        try (Tandem tandem = Tandem.builder().poolSize(1).preimport("math", "json").build()) {
            for (long gap : new long[] {0, 2_000_000}) {
                report("call(math.gcd)", calls, gap, () -> tandem.call("math", "gcd", 54, 24));
                report("call(json.dumps)", calls, gap, () -> tandem.call("json", "dumps", 42));
                report("eval(expression)", calls, gap, () -> tandem.eval("6 * 7"));
            }
        }
    }

    private static void report(String what, int calls, long gapNanos, Runnable call) {
        long[] nanos = new long[calls];
        for (int i = 0; i < calls; i++) { // warm-up: let GraalPy compile the paths
            call.run();
        }
        for (int i = 0; i < calls; i++) {
            if (gapNanos > 0) {
                LockSupport.parkNanos(gapNanos);
            }
            long start = System.nanoTime();
            call.run();
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        System.out.printf("pooled %-18s %-13s median %.3f ms  p90 %.3f ms  (%d calls)%n", what,
                gapNanos == 0 ? "back to back" : "2 ms apart", nanos[calls / 2] / 1e6, nanos[calls * 9 / 10] / 1e6, calls);
    }
}

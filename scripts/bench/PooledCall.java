import dev.tandem.Session;
import dev.tandem.Tandem;
import java.util.Arrays;
import java.util.Locale;

/**
 * The embedding API's per-call cost on a warm instance: a pooled call (lease a context, call,
 * put the context back to its clean state, return it) next to the same call in a session (one
 * context kept, no reset), so that the difference is the reset. Each is called N times to warm
 * up and N times timed, one call at a time. Prints one JSON line, for `tandem bench --kernel
 * startup`. Usage: PooledCall [N].
 */
public final class PooledCall {
    public static void main(String[] args) {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        StringBuilder json = new StringBuilder("{\"results\": [");
        try (Tandem tandem = Tandem.builder().poolSize(1).preimport("math", "json").build()) {
            json.append(timed("pooled tandem.call(\"math\", \"gcd\", 54, 24)", calls,
                    () -> check(tandem.call("math", "gcd", 54, 24)))).append(", ");
            json.append(timed("pooled tandem.call(\"json\", \"dumps\", 42)", calls,
                    () -> check(tandem.call("json", "dumps", 42)))).append(", ");
            try (Session session = tandem.openSession()) {
                session.eval("from math import gcd");
                json.append(timed("session.call(\"gcd\", 54, 24), no reset", calls,
                        () -> check(session.call("gcd", 54, 24))));
            }
        }
        System.out.println(json.append("]}"));
    }

    private static void check(Object result) {
        String text = String.valueOf(result);
        if (!text.equals("6") && !text.equals("42")) {
            throw new AssertionError("unexpected result " + text);
        }
    }

    private static String timed(String what, int calls, Runnable call) {
        for (int i = 0; i < calls; i++) { // warm-up: let GraalPy compile the paths
            call.run();
        }
        long[] nanos = new long[calls];
        for (int i = 0; i < calls; i++) {
            long start = System.nanoTime();
            call.run();
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        return String.format(Locale.ROOT, "{\"call\": \"%s\", \"calls\": %d, \"median_us\": %.2f, \"best_us\": %.2f,"
                + " \"p25_us\": %.2f, \"p75_us\": %.2f, \"p90_us\": %.2f}", what.replace("\"", "\\\""), calls,
                nanos[calls / 2] / 1e3, nanos[0] / 1e3, nanos[calls / 4] / 1e3, nanos[calls * 3 / 4] / 1e3,
                nanos[calls * 9 / 10] / 1e3);
    }
}

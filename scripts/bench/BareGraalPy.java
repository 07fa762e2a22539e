import org.graalvm.polyglot.Context;

/**
 * The baseline for Tandem's cold start: a plain GraalPy context on the same JVM set-up, no
 * Tandem code, printing one line. Run by {@code tandem bench --kernel startup}.
 */
public final class BareGraalPy {
    public static void main(String[] args) {
        try (Context context = Context.newBuilder("python").allowAllAccess(true).build()) {
            context.eval("python", "import sys; print('Hello from', sys.implementation.name)");
        }
    }
}

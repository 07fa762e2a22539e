package dev.tandem.runtime;

import org.graalvm.polyglot.Engine;

/**
 * The one polyglot {@link Engine} of the process. Every context Tandem creates, in the CLI and
 * in any number of embedded {@code Tandem} instances, is built on it, so that parsed and
 * JIT-compiled Python code is shared between contexts instead of redone in each.
 */
public final class SharedEngine {
    private static volatile Engine engine;

    private SharedEngine() {}

    /** The engine, built on first use. */
    public static Engine get() {
        Engine current = engine;
        if (current == null) {
            synchronized (SharedEngine.class) {
                current = engine;
                if (current == null) {
                    current = Engine.newBuilder("python")
                            // Tandem reports a missing JIT itself, in one line (see RuntimeFacts).
                            .option("engine.WarnInterpreterOnly", "false")
                            .build();
                    engine = current;
                }
            }
        }
        return current;
    }
}

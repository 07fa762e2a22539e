package dev.tandem.route;

import java.util.Locale;

/** Where a kernel runs. {@code auto} is not a backend but a policy choice (see RoutePolicy). */
public enum Backend {
    PYTHON, JAVA, RUST;

    /** The name used in policies, the CLI and Python: {@code python}, {@code java}, {@code rust}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Backend fromLabel(String label) {
        for (Backend backend : values()) {
            if (backend.label().equals(label)) {
                return backend;
            }
        }
        throw new IllegalArgumentException("unknown backend '" + label + "'; choose one of python, java, rust");
    }
}

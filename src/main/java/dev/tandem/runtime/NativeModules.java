package dev.tandem.runtime;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.graalvm.polyglot.Context;

/**
 * How this process's contexts load native modules (GraalPy's C extensions, among them the
 * standard library's {@code pyexpat}, {@code _sqlite3}, {@code termios}, {@code _sha3}).
 * GraalPy loads a native module into one context per process unless every context sets
 * {@code python.IsolateNativeModules}, which loads a private copy per context, renamed with
 * {@code patchelf} (found on the JVM's PATH). A process that runs one script needs none of
 * that; the resident process, which runs many side by side and one after another, turns it
 * on before its first context, when it finds patchelf.
 */
public final class NativeModules {
    private static volatile boolean isolated;

    private NativeModules() {}

    /**
     * Makes every context this process creates from now on load native modules privately;
     * false (and nothing changes) when patchelf is not on the JVM's PATH. Call before the first
     * context: every context of the process must agree.
     */
    public static boolean isolatePerContext() {
        isolated = patchelf() != null;
        return isolated;
    }

    /** The patchelf GraalPy would run, or null. */
    public static Path patchelf() {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String directory : path.split(File.pathSeparator)) {
            if (!directory.isEmpty()) {
                Path candidate = Path.of(directory, "patchelf");
                if (Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        return null;
    }

    static void configure(Context.Builder builder) {
        if (isolated) {
            builder.allowExperimentalOptions(true).option("python.IsolateNativeModules", "true");
        }
    }
}

package dev.tandem.cli;

import dev.tandem.lint.FileLinter;
import dev.tandem.route.RoutePolicy;
import dev.tandem.runtime.PythonContext;
import java.util.List;
import org.graalvm.polyglot.PolyglotException;

/**
 * The python backend of {@code lint.check_files} for {@code tandem lint}: the reference,
 * {@code tandem.lint.check_files}, run as it is (the {@link dev.tandem.route.Router} chose it), in one GraalPy context opened on first use and reused for
 * every call of the run (a context costs seconds to start).
 */
final class LintPythonBackend implements FileLinter, AutoCloseable {
    private final RoutePolicy policy;
    private PythonContext context;

    LintPythonBackend(RoutePolicy policy) {
        this.policy = policy;
    }

    @Override
    public String checkFiles(List<String> paths, String select, String ignore, long lineLength) {
        if (context == null) {
            context = new ScriptLauncher(System.err, policy).openContext();
        }
        try {
            return context.call("tandem._route", "run_reference",
                    new Object[] {LintCommand.KERNEL, paths, select, ignore, lineLength}).asString();
        } catch (PolyglotException failure) {
            throw new IllegalStateException(failure.getMessage(), failure);
        }
    }

    @Override
    public void close() {
        if (context != null) {
            context.close();
        }
    }
}

package dev.tandem.lint;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Lints files with a backend in one call; if that call fails, file by file, so that a file the
 * linter fails on is named and the others are still checked.
 */
public final class Linter {
    /** The diagnostics in file order, and whether the linter failed on any file. */
    public record Outcome(List<LintDiagnostic> diagnostics, boolean failed) {}

    private Linter() {}

    /** Each failure is one {@code tandem lint: failed on PATH: reason} line on {@code err}. */
    public static Outcome run(List<String> files, LintSettings settings, FileLinter backend, PrintStream err) {
        String select = String.join(",", settings.select());
        String ignore = String.join(",", settings.ignore());
        List<LintDiagnostic> found = new ArrayList<>();
        try {
            String rows = backend.checkFiles(files, select, ignore, settings.lineLength());
            LintDiagnostic.fromRows(rows, files).forEach(found::addAll);
            return new Outcome(found, false);
        } catch (RuntimeException batchFailure) {
            found.clear();
        }
        boolean failed = false;
        for (String file : files) {
            try {
                List<String> one = List.of(file);
                found.addAll(LintDiagnostic.fromRows(backend.checkFiles(one, select, ignore, settings.lineLength()), one)
                        .getFirst());
            } catch (RuntimeException failure) {
                err.println("tandem lint: failed on " + file + ": " + failure.getMessage());
                failed = true;
            }
        }
        return new Outcome(found, failed);
    }
}

package dev.tandem.lint;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lints files with a backend, one call per distinct rule settings; if that call fails, file by
 * file, so that a file the linter fails on is named and the others are still checked.
 */
public final class Linter {
    /** The diagnostics in file order, and whether the linter failed on any file. */
    public record Outcome(List<LintDiagnostic> diagnostics, boolean failed) {}

    /** What a backend call takes besides the paths. */
    record Rules(String select, String ignore, int lineLength) {
        Rules(LintSettings settings) {
            this(String.join(",", settings.select()), String.join(",", settings.ignore()), settings.lineLength());
        }
    }

    private Linter() {}

    /** All {@code files} under one configuration. */
    public static Outcome run(List<String> files, LintSettings settings, FileLinter backend, PrintStream err) {
        Map<String, LintSettings> each = new LinkedHashMap<>();
        files.forEach(file -> each.put(file, settings));
        return run(each, backend, err);
    }

    /**
     * Each file under its own settings, the diagnostics in the map's order. Each failure is one
     * {@code tandem lint: failed on PATH: reason} line on {@code err}.
     */
    public static Outcome run(Map<String, LintSettings> files, FileLinter backend, PrintStream err) {
        Map<Rules, List<String>> groups = new LinkedHashMap<>();
        files.forEach((file, settings) -> groups.computeIfAbsent(new Rules(settings), rules -> new ArrayList<>()).add(file));
        Map<String, List<LintDiagnostic>> found = new HashMap<>();
        boolean failed = false;
        for (Map.Entry<Rules, List<String>> group : groups.entrySet()) {
            failed |= lint(group.getValue(), group.getKey(), backend, err, found);
        }
        List<LintDiagnostic> ordered = new ArrayList<>();
        files.keySet().forEach(file -> ordered.addAll(found.getOrDefault(file, List.of())));
        return new Outcome(ordered, failed);
    }

    /** Lints {@code files} into {@code found}; true when the linter failed on one of them. */
    private static boolean lint(List<String> files, Rules rules, FileLinter backend, PrintStream err,
            Map<String, List<LintDiagnostic>> found) {
        try {
            List<List<LintDiagnostic>> rows = LintDiagnostic.fromRows(
                    backend.checkFiles(files, rules.select(), rules.ignore(), rules.lineLength()), files);
            for (int i = 0; i < files.size(); i++) {
                found.put(files.get(i), rows.get(i));
            }
            return false;
        } catch (RuntimeException batchFailure) {
            // one file at a time below, to name the one at fault
        }
        boolean failed = false;
        for (String file : files) {
            try {
                List<String> one = List.of(file);
                found.put(file, LintDiagnostic.fromRows(
                        backend.checkFiles(one, rules.select(), rules.ignore(), rules.lineLength()), one).getFirst());
            } catch (RuntimeException failure) {
                err.println("tandem lint: failed on " + file + ": " + failure.getMessage());
                failed = true;
            }
        }
        return failed;
    }
}

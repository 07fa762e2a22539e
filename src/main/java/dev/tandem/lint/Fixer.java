package dev.tandem.lint;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code tandem lint --fix} and {@code --diff}: files fixed by Ruff's own fix loop
 * ({@link LintRuff#fixFiles}), one call per distinct rule settings, as {@link Linter} groups
 * them. Ruff's linter serves every selection here, the classic ones too: only it has fixes.
 */
public final class Fixer {
    private Fixer() {}

    /**
     * Each file under its own settings, in the map's order.
     *
     * @param diff true: nothing written, each changed file's diff given; false: changed files
     *             written back
     */
    public static List<FileFixed> run(Map<String, LintSettings> files, LintRuff ruff, boolean unsafeFixes,
            boolean diff) {
        Map<Linter.Rules, List<String>> groups = new LinkedHashMap<>();
        files.forEach((file, settings) -> groups.computeIfAbsent(new Linter.Rules(settings), rules -> new ArrayList<>())
                .add(file));
        Map<String, FileFixed> found = new HashMap<>();
        groups.forEach((rules, paths) -> ruff.fixFiles(paths, rules.select(), rules.ignore(), rules.lineLength(),
                unsafeFixes, diff).forEach(fixed -> found.put(fixed.path(), fixed)));
        return files.keySet().stream().map(found::get).toList();
    }

    /** The diagnostics that remain, in file order. */
    public static List<LintDiagnostic> remaining(List<FileFixed> files) {
        return files.stream().flatMap(file -> file.remaining().stream()).toList();
    }

    /**
     * What Ruff prints after the diagnostics under {@code --fix}: {@code Found N errors (M fixed,
     * K remaining).}, {@code Found N errors.} or {@code All checks passed!}, and how many
     * remaining ones only {@code --unsafe-fixes} would fix; under {@code --diff}, {@code Would fix
     * N errors.} (or that none would, but for unsafe fixes). Each line ends with a newline.
     */
    public static String summary(List<FileFixed> files, boolean diff) {
        int fixed = files.stream().mapToInt(FileFixed::fixed).sum();
        int unsafeFixable = files.stream().mapToInt(FileFixed::unsafeFixable).sum();
        int remaining = remaining(files).size();
        StringBuilder text = new StringBuilder();
        if (diff) {
            if (fixed > 0) {
                text.append("Would fix ").append(errors(fixed)).append(".\n");
            } else if (unsafeFixable > 0) {
                text.append("No errors would be fixed (").append(unsafeFixable).append(unsafeFixable == 1 ? " fix" : " fixes")
                        .append(" available with `--unsafe-fixes`).\n");
            }
            return text.toString();
        }
        if (fixed > 0) {
            text.append("Found ").append(errors(fixed + remaining)).append(" (").append(fixed).append(" fixed, ")
                    .append(remaining).append(" remaining).\n");
        } else if (remaining > 0) {
            text.append("Found ").append(errors(remaining)).append(".\n");
        } else {
            text.append("All checks passed!\n");
        }
        if (unsafeFixable > 0) {
            text.append(unsafeFixable).append(unsafeFixable == 1 ? " unsafe fix" : " unsafe fixes")
                    .append(" available with `--fix --unsafe-fixes`.\n");
        }
        return text.toString();
    }

    private static String errors(int count) {
        return count + (count == 1 ? " error" : " errors");
    }
}

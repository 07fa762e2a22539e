package dev.tandem.lint;

import java.util.ArrayList;
import java.util.List;

/**
 * One file's outcome of {@code tandem lint --fix} or {@code --diff}: how many diagnostics the
 * fixes resolved (or would), how many remaining ones have a fix only {@code --unsafe-fixes}
 * applies, why the file was not fixed (a fix would produce invalid syntax, the file is
 * read-only or changed on disk while being fixed, it cannot be written; null otherwise), its
 * diff under {@code --diff} (null when unchanged), and its remaining diagnostics.
 */
public record FileFixed(String path, int fixed, int unsafeFixable, String error, String diff,
        List<LintDiagnostic> remaining) {
    public FileFixed {
        remaining = List.copyOf(remaining);
    }

    /**
     * The result of {@code tandem_ruff_fix_files}: an array of {@code {"fixed": N,
     * "unsafe_fixable": N, "error": ..., "diff": ..., "rows": [...]}}, one per path in order.
     *
     * @throws IllegalArgumentException when the JSON does not have that shape
     */
    static List<FileFixed> fromJson(String json, List<String> paths) {
        List<FileFixed> files = new ArrayList<>();
        RowsJson in = new RowsJson(json);
        in.expect('[');
        if (!in.next(']')) {
            do {
                if (files.size() >= paths.size()) {
                    throw new IllegalArgumentException("more files in the result than the " + paths.size() + " asked for");
                }
                String path = paths.get(files.size());
                in.expect('{');
                FixCounts counts = FixCounts.read(in);
                in.expect(',');
                in.key("diff");
                String diff = in.stringOrNull();
                in.expect(',');
                in.key("rows");
                files.add(new FileFixed(path, counts.fixed(), counts.unsafeFixable(), counts.error(), diff,
                        LintDiagnostic.rows(in, path)));
                in.expect('}');
            } while (in.next(','));
            in.expect(']');
        }
        in.end();
        if (files.size() != paths.size()) {
            throw new IllegalArgumentException(files.size() + " files in the result for " + paths.size() + " asked for");
        }
        return files;
    }
}

package dev.tandem.lint;

import java.util.List;

/**
 * What {@code lint.fix} gave for one source: the source with Ruff's fixes applied (the original
 * when none applied), how many diagnostics the fixes resolved, how many of the remaining ones
 * have a fix only {@code unsafe_fixes} applies, why fixes that were found were not applied
 * (a fix would produce invalid syntax; null otherwise), and the diagnostics of the source as
 * it now is.
 */
public record LintFixed(String source, int fixed, int unsafeFixable, String error, List<LintDiagnostic> remaining) {
    public LintFixed {
        remaining = List.copyOf(remaining);
    }

    /**
     * The kernel's JSON, {@code {"source": ..., "fixed": N, "unsafe_fixable": N, "error": ...,
     * "rows": [...]}}, its diagnostics named {@code filename}.
     *
     * @throws IllegalArgumentException when the JSON does not have that shape
     */
    public static LintFixed fromJson(String json, String filename) {
        RowsJson in = new RowsJson(json);
        in.expect('{');
        in.key("source");
        String source = in.string();
        in.expect(',');
        FixCounts counts = FixCounts.read(in);
        in.expect(',');
        in.key("rows");
        List<LintDiagnostic> rows = LintDiagnostic.rows(in, filename);
        in.expect('}');
        in.end();
        return new LintFixed(source, counts.fixed(), counts.unsafeFixable(), counts.error(), rows);
    }
}

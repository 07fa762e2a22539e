package dev.tandem.lint;

import java.util.ArrayList;
import java.util.List;

/**
 * One finding: a rule code, its message and where it is (rows and columns 1-based, columns
 * counting characters, as Ruff's JSON {@code location}/{@code end_location}).
 */
public record LintDiagnostic(String code, String message, int row, int column, int endRow, int endColumn,
        String filename) {
    /** The code Ruff's JSON gives a syntax error. */
    public static final String SYNTAX_ERROR = "invalid-syntax";

    /** flake8's {@code path:line:col: CODE message}. */
    @Override
    public String toString() {
        return filename + ":" + row + ":" + column + ": " + code + " " + message;
    }

    /**
     * The diagnostics of the {@code lint.check_batch}/{@code lint.check_files} result {@code json}
     * (an array of each file's {@code [code, row, column, end_row, end_column, message]} rows),
     * {@code filenames.get(i)} naming file i's.
     *
     * @throws IllegalArgumentException when the JSON does not have that shape
     */
    public static List<List<LintDiagnostic>> fromRows(String json, List<String> filenames) {
        List<List<LintDiagnostic>> files = new ArrayList<>();
        RowsJson in = new RowsJson(json);
        in.expect('[');
        if (!in.next(']')) {
            do {
                if (files.size() >= filenames.size()) {
                    throw new IllegalArgumentException("more files in the result than the " + filenames.size() + " asked for");
                }
                files.add(rows(in, filenames.get(files.size())));
            } while (in.next(','));
            in.expect(']');
        }
        in.end();
        if (files.size() != filenames.size()) {
            throw new IllegalArgumentException(files.size() + " files in the result for " + filenames.size() + " asked for");
        }
        return files;
    }

    /** One file's {@code [[code, row, column, end_row, end_column, message], ...]}. */
    static List<LintDiagnostic> rows(RowsJson in, String filename) {
        List<LintDiagnostic> rows = new ArrayList<>();
        in.expect('[');
        if (in.next(']')) {
            return rows;
        }
        do {
            in.expect('[');
            String code = in.string();
            in.expect(',');
            int row = in.integer();
            in.expect(',');
            int column = in.integer();
            in.expect(',');
            int endRow = in.integer();
            in.expect(',');
            int endColumn = in.integer();
            in.expect(',');
            String message = in.string();
            in.expect(']');
            rows.add(new LintDiagnostic(code, message, row, column, endRow, endColumn, filename));
        } while (in.next(','));
        in.expect(']');
        return rows;
    }
}

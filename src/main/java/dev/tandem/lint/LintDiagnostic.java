package dev.tandem.lint;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
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
        try (JsonParser parser = new JsonFactory().createParser(json)) {
            expect(parser.nextToken(), JsonToken.START_ARRAY);
            while (parser.nextToken() == JsonToken.START_ARRAY) {
                if (files.size() >= filenames.size()) {
                    throw new IllegalArgumentException("more files in the result than the " + filenames.size() + " asked for");
                }
                String filename = filenames.get(files.size());
                List<LintDiagnostic> rows = new ArrayList<>();
                while (parser.nextToken() == JsonToken.START_ARRAY) {
                    String code = text(parser);
                    int row = number(parser);
                    int column = number(parser);
                    int endRow = number(parser);
                    int endColumn = number(parser);
                    String message = text(parser);
                    expect(parser.nextToken(), JsonToken.END_ARRAY);
                    rows.add(new LintDiagnostic(code, message, row, column, endRow, endColumn, filename));
                }
                files.add(rows);
            }
        } catch (IOException error) {
            throw new IllegalArgumentException("the linter's result is not JSON: " + error.getMessage(), error);
        }
        if (files.size() != filenames.size()) {
            throw new IllegalArgumentException(files.size() + " files in the result for " + filenames.size() + " asked for");
        }
        return files;
    }

    private static String text(JsonParser parser) throws IOException {
        expect(parser.nextToken(), JsonToken.VALUE_STRING);
        return parser.getText();
    }

    private static int number(JsonParser parser) throws IOException {
        expect(parser.nextToken(), JsonToken.VALUE_NUMBER_INT);
        return parser.getIntValue();
    }

    private static void expect(JsonToken got, JsonToken wanted) {
        if (got != wanted) {
            throw new IllegalArgumentException("the linter's result has " + got + " where " + wanted + " belongs");
        }
    }
}

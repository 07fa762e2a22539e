package dev.tandem.lint;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.List;

/** {@code tandem lint}'s two output forms: flake8's lines and Ruff's JSON. */
public final class LintOutput {
    private LintOutput() {}

    /** One {@code path:line:col: CODE message} line per diagnostic. */
    public static void writeText(List<LintDiagnostic> diagnostics, PrintStream out) {
        StringBuilder text = new StringBuilder();
        for (LintDiagnostic diagnostic : diagnostics) {
            text.append(diagnostic).append('\n');
        }
        out.print(text);
        out.flush();
    }

    /**
     * The array {@code ruff check --output-format json} prints, keys in sorted order, two-space
     * indents: {@code cell}, {@code code}, {@code end_location}, {@code filename} (absolute),
     * {@code fix}, {@code location}, {@code message}, {@code noqa_row} (null for a syntax error),
     * {@code severity}, {@code url}. Rules carry no fixes or URLs here, so those are null.
     */
    public static void writeJson(List<LintDiagnostic> diagnostics, Writer out) {
        DefaultIndenter indent = new DefaultIndenter("  ", "\n");
        DefaultPrettyPrinter pretty = new DefaultPrettyPrinter(Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withArrayEmptySeparator("")
                .withObjectEmptySeparator(""))
                .withArrayIndenter(indent)
                .withObjectIndenter(indent);
        try (JsonGenerator json = new JsonFactory().createGenerator(out)) {
            json.setPrettyPrinter(pretty);
            json.writeStartArray();
            for (LintDiagnostic d : diagnostics) {
                json.writeStartObject();
                json.writeNullField("cell");
                json.writeStringField("code", d.code());
                json.writeObjectFieldStart("end_location");
                json.writeNumberField("column", d.endColumn());
                json.writeNumberField("row", d.endRow());
                json.writeEndObject();
                json.writeStringField("filename", Path.of(d.filename()).toAbsolutePath().normalize().toString());
                json.writeNullField("fix");
                json.writeObjectFieldStart("location");
                json.writeNumberField("column", d.column());
                json.writeNumberField("row", d.row());
                json.writeEndObject();
                json.writeStringField("message", d.message());
                if (d.code().equals(LintDiagnostic.SYNTAX_ERROR)) {
                    json.writeNullField("noqa_row");
                } else {
                    json.writeNumberField("noqa_row", d.row());
                }
                json.writeStringField("severity", "error");
                json.writeNullField("url");
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeRaw('\n');
        } catch (IOException error) {
            throw new UncheckedIOException(error);
        }
    }
}

package dev.tandem.tests.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.tandem.lint.DirectorySettings;
import dev.tandem.lint.LintDiagnostic;
import dev.tandem.lint.LintOutput;
import dev.tandem.lint.LintSettings;
import dev.tandem.lint.LintUsageException;
import dev.tandem.lint.Linter;
import dev.tandem.lint.PythonFiles;
import dev.tandem.lint.RuffConfig;
import dev.tandem.lint.RuleCodes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The host side of tandem lint without a process or a backend: walk, configuration, output, failures. */
class LintDriverTest {
    @TempDir
    Path dir;

    private Path write(String relative, String text) throws IOException {
        Path path = dir.resolve(relative);
        Files.createDirectories(path.getParent());
        Files.writeString(path, text);
        return path;
    }

    private String at(String relative) {
        return dir.resolve(relative).toString();
    }

    private static LintSettings defaults() {
        return LintSettings.resolve(RuffConfig.NONE, null, null, null);
    }

    @Test
    void walkListsFilesBeforeSubdirectoriesInNameOrderAndSkipsExclusions() throws IOException {
        write("b.py", "");
        write("a.pyi", "");
        write("notes.txt", "");
        write("sub/z.py", "");
        write("sub/deeper/y.py", "");
        write("a_dir/x.py", "");
        write(".git/hooks.py", "");
        write("node_modules/pkg.py", "");
        write("venvlike/pyvenv.cfg", "");
        write("venvlike/lib.py", "");
        Files.createSymbolicLink(dir.resolve("linked"), dir.resolve("sub"));
        List<String> files = PythonFiles.collect(List.of(dir.toString(), at("b.py"), at("notes.txt")), defaults());
        assertEquals(List.of(at("a.pyi"), at("b.py"), at("a_dir/x.py"), at("sub/z.py"), at("sub/deeper/y.py"),
                at("notes.txt")), files);
    }

    @Test
    void excludePatternsMatchNamesOrPathsFromTheConfigDirectory() throws IOException {
        write("pyproject.toml", "[tool.ruff]\nextend-exclude = [\"gen/*.py\", \"tmp_[!k]*\", \"legacy/\"]\n");
        write("gen/out.py", "");
        write("src/gen/out.py", "");
        write("tmp_a.py", "");
        write("tmp_keep.py", "");
        write("legacy/old.py", "");
        write("build/made.py", "");
        RuffConfig config = RuffConfig.find(dir);
        assertEquals(dir.toAbsolutePath().normalize(), config.directory());
        LintSettings settings = LintSettings.resolve(config, null, null, null);
        assertEquals(List.of(at("tmp_keep.py"), at("src/gen/out.py")), PythonFiles.collect(List.of(dir.toString()), settings));
    }

    @Test
    void theNearestPyprojectWithToolRuffWinsAndTheCommandLineOverridesIt() throws IOException {
        write("pyproject.toml", "[tool.ruff]\nline-length = 100\nselect = [\"E7\"]\n"
                + "[tool.ruff.lint]\nextend-select = [\"W291\"]\nignore = [\"E702\"]\n");
        write("inner/pyproject.toml", "[project]\nname = \"no ruff table here\"\n");
        Path file = write("inner/code.py", "x = 1\n");
        RuffConfig config = RuffConfig.find(file);
        assertEquals(dir.toAbsolutePath().normalize(), config.directory());
        LintSettings configured = LintSettings.resolve(config, null, null, null);
        assertEquals(List.of("E7", "W291"), configured.select());
        assertEquals(List.of("E702"), configured.ignore());
        assertEquals(100, configured.lineLength());
        LintSettings overridden = LintSettings.resolve(config, List.of("F"), List.of("F401"), 70);
        assertEquals(List.of("F"), overridden.select());
        assertEquals(List.of("F401"), overridden.ignore()); // a new --select drops the file's ignore
        assertEquals(70, overridden.lineLength());
    }

    @Test
    void eachFileTakesItsNearestConfigurationAsInRuff() throws IOException {
        write("pyproject.toml", "[tool.ruff]\nline-length = 100\nextend-exclude = [\"skip_*.py\"]\n");
        write("a.py", "");
        write("skip_top.py", "");
        write("sub/ruff.toml", "line-length = 60\n[lint]\nselect = [\"F\"]\n");
        write("sub/b.py", "");
        write("sub/skip_inner.py", ""); // sub's configuration does not exclude it
        write("sub/deeper/c.py", "");
        write("plain/pyproject.toml", "[project]\nname = \"no ruff table\"\n");
        write("plain/d.py", "");
        DirectorySettings settings = new DirectorySettings(null, List.of("F401"), null);
        Map<String, LintSettings> files = PythonFiles.collect(List.of(dir.toString(), at("sub/deeper/c.py")), settings::of);
        assertEquals(List.of(at("a.py"), at("plain/d.py"), at("sub/b.py"), at("sub/skip_inner.py"), at("sub/deeper/c.py")),
                List.copyOf(files.keySet()));
        assertEquals(100, files.get(at("a.py")).lineLength());
        assertEquals(100, files.get(at("plain/d.py")).lineLength());
        for (String inner : List.of("sub/b.py", "sub/skip_inner.py", "sub/deeper/c.py")) {
            LintSettings of = files.get(at(inner));
            assertEquals(List.of(60, List.of("F"), List.of("F401"), dir.resolve("sub")),
                    List.of(of.lineLength(), of.select(), of.ignore(), of.configDir()), inner);
        }
        // One backend call per distinct rule settings, the diagnostics back in file order.
        List<String> calls = new ArrayList<>();
        Linter.Outcome outcome = Linter.run(files, (paths, select, ignore, length) -> {
            calls.add(select + " " + length + " " + paths.size());
            StringBuilder rows = new StringBuilder("[");
            for (String path : paths) {
                rows.append(rows.length() > 1 ? ", " : "").append("[[\"F821\", 1, 1, 1, 2, \"").append(length).append("\"]]");
            }
            return rows.append("]").toString();
        }, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertEquals(List.of(" 100 2", "F 60 3"), calls); // an empty selection is Ruff's default
        assertEquals(List.of(at("a.py"), at("plain/d.py"), at("sub/b.py"), at("sub/skip_inner.py"), at("sub/deeper/c.py")),
                outcome.diagnostics().stream().map(LintDiagnostic::filename).toList());
    }

    @Test
    void pyprojectIsReadAsTomlMapperReadsIt() throws IOException {
        // Ruff's own keys at the top; the rest of the value kinds under [tool.ruff.format], whose keys are not checked.
        String ruff = "[tool.ruff]\nline-length = 100\n[tool.ruff.format]\nsmall = -7\nbig = 9_000_000_000\nhuge = 0xffffffffffffffffff\n"
                + "octal = 0o17\nfloats = [1.50, 0.0, -0.0, 1e10, 6.02E-23, inf, -inf, nan, 3.0]\n"
                + "flags = [true, false]\nwhen = 1979-05-27T07:32:00-08:00\nday = 1979-05-27\nclock = 07:32:00\n"
                + "text = \"tab\\there \\u00e9 \\U0001F642\"\nraw = 'C:\\\\x'\nlong = \"\"\"\nline\"\"\"\n"
                + "inline = { a = 1, b = [\"x\", { c = 2.5 }] }\nmixed = [[1, 2], [\"a\"], []]\nempty = {}\n"
                + "[tool.ruff.lint]\nselect = [\"E7\", \"F\"]\n[[tool.ruff.lint.isort.per-file]]\nname = \"one\"\n"
                + "[[tool.ruff.lint.isort.per-file]]\nname = \"two\"\n";
        Path pyproject = write("pyproject.toml", ruff);
        JsonNode expected = new TomlMapper().readTree(pyproject.toFile()).path("tool").path("ruff");
        JsonNode read = RuffConfig.find(dir).table();
        assertEquals(expected, read);
        assertEquals(expected.toString(), read.toString());
    }

    @Test
    void badConfigurationAndCodesAreUsageErrorsThatSayWhere() throws IOException {
        write("pyproject.toml", "[tool.ruff\nline-length = 1\n");
        LintUsageException broken = assertThrows(LintUsageException.class, () -> RuffConfig.find(dir));
        assertTrue(broken.getMessage().startsWith("cannot read " + at("pyproject.toml") + ": "), broken.getMessage());

        write("pyproject.toml", "[tool.ruff]\nline-length = 400\n");
        LintUsageException tooLong = assertThrows(LintUsageException.class,
                () -> LintSettings.resolve(RuffConfig.find(dir), null, null, null));
        assertEquals("pyproject.toml [tool.ruff]: must be between 1 and 320, got 400", tooLong.getMessage());

        write("pyproject.toml", "[tool.ruff]\nline-lenght = 100\n");
        LintUsageException misspelt = assertThrows(LintUsageException.class, () -> RuffConfig.find(dir));
        assertEquals(at("pyproject.toml") + ": unknown field 'line-lenght' in [tool.ruff]", misspelt.getMessage());
        write("pyproject.toml", "[tool.ruff.lint]\nselect = [\"F\"]\nextend-selekt = [\"E\"]\n");
        misspelt = assertThrows(LintUsageException.class, () -> RuffConfig.find(dir));
        assertEquals(at("pyproject.toml") + ": unknown field 'extend-selekt' in [tool.ruff.lint]", misspelt.getMessage());

        LintUsageException unknown = assertThrows(LintUsageException.class,
                () -> RuleCodes.parse("E4, q9999", "select", "the CLI"));
        assertEquals("Unknown rule selector `Q9999` in `select` from the CLI", unknown.getMessage());
        assertEquals(List.of("E4", "F401", "ALL"), RuleCodes.parse(" e4,,F401 ,all", "select", "the CLI"));
    }

    @Test
    void jsonOutputIsRuffsShapeWithSortedKeys() {
        List<LintDiagnostic> found = List.of(
                new LintDiagnostic("F401", "`os` imported but unused", 1, 8, 1, 10, at("m.py")),
                new LintDiagnostic(LintDiagnostic.SYNTAX_ERROR, "SyntaxError: \"é\"", 2, 1, 2, 2, at("m.py")));
        StringWriter out = new StringWriter();
        LintOutput.writeJson(found, out);
        String file = at("m.py").replace("\\", "\\\\");
        assertEquals("[\n  {\n    \"cell\": null,\n    \"code\": \"F401\",\n    \"end_location\": {\n      \"column\": 10,\n"
                + "      \"row\": 1\n    },\n    \"filename\": \"" + file + "\",\n    \"fix\": null,\n    \"location\": {\n"
                + "      \"column\": 8,\n      \"row\": 1\n    },\n    \"message\": \"`os` imported but unused\",\n"
                + "    \"noqa_row\": 1,\n    \"severity\": \"error\",\n    \"url\": null\n  },\n  {\n    \"cell\": null,\n"
                + "    \"code\": \"invalid-syntax\",\n    \"end_location\": {\n      \"column\": 2,\n      \"row\": 2\n    },\n"
                + "    \"filename\": \"" + file + "\",\n    \"fix\": null,\n    \"location\": {\n      \"column\": 1,\n"
                + "      \"row\": 2\n    },\n    \"message\": \"SyntaxError: \\\"é\\\"\",\n    \"noqa_row\": null,\n"
                + "    \"severity\": \"error\",\n    \"url\": null\n  }\n]\n", out.toString());
        StringWriter none = new StringWriter();
        LintOutput.writeJson(List.of(), none);
        assertEquals("[]\n", none.toString());
    }

    @Test
    void aFailingBatchIsRetriedFileByFileAndOnlyTheBadFileIsLost() {
        List<String> calls = new ArrayList<>();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Linter.Outcome outcome = Linter.run(List.of("good.py", "bad.py"), defaults(), (paths, select, ignore, length) -> {
            calls.add(String.join(" ", paths));
            if (paths.contains("bad.py")) {
                throw new IllegalStateException("lint.check_files: the linter panicked");
            }
            return "[[[\"F401\", 1, 8, 1, 10, \"`os` imported but unused\"]]]";
        }, new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(List.of("good.py bad.py", "good.py", "bad.py"), calls);
        assertTrue(outcome.failed());
        assertEquals(List.of("good.py:1:8: F401 `os` imported but unused"),
                outcome.diagnostics().stream().map(LintDiagnostic::toString).toList());
        assertEquals("tandem lint: failed on bad.py: lint.check_files: the linter panicked\n",
                err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void rowsOfTheWrongShapeAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> LintDiagnostic.fromRows("[[]]", List.of("a.py", "b.py")));
        assertThrows(IllegalArgumentException.class, () -> LintDiagnostic.fromRows("[[[\"F401\", \"1\"]]]", List.of("a.py")));
        assertEquals(List.of(List.of()), LintDiagnostic.fromRows("[[]]", List.of("a.py")));
        assertFalse(LintDiagnostic.fromRows("[[[\"E501\", 3, 89, 3, 95, \"Line too long\"]]]", List.of("a.py")).getFirst().isEmpty());
        assertNull(RuffConfig.NONE.directory());
    }
}

package dev.tandem.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tandem.tests.testing.TandemProcess;
import dev.tandem.tests.testing.TandemProcess.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `tandem lint` as a user runs it: a real process over a small tree of good and bad files. */
class LintCliTest {
    @TempDir
    Path dir;

    private Path tree;

    /** pkg/ holds findings, bad input and a clean stub; the excluded directories hold findings that must not show. */
    @BeforeEach
    void writeTree() throws IOException {
        tree = dir.resolve("tree");
        write("pkg/uses.py", "import os\nimport sys  # noqa: F401\nimport re  # noqa\nx = 1; y = 2\nos\n");
        write("pkg/broken.py", "def f(:\n    pass\n");
        Files.createDirectories(tree.resolve("pkg"));
        Files.write(tree.resolve("pkg/latin1.py"), new byte[] {'x', ' ', '=', ' ', '"', (byte) 0xe9, '"', '\n'});
        write("pkg/stub.pyi", "def f() -> int: ...\n");
        write("pkg/notes.txt", "import os\n");
        write(".venv/lib/site.py", "import os\n");
        write("pkg/__pycache__/cached.py", "import os\n");
        write("myenv/pyvenv.cfg", "home = /usr/bin\n");
        write("myenv/tool.py", "import os\n");
    }

    private void write(String relative, String text) throws IOException {
        Path path = tree.resolve(relative);
        Files.createDirectories(path.getParent());
        Files.writeString(path, text);
    }

    private String at(String relative) {
        return tree.resolve(relative).toString();
    }

    private Result lint(String... args) {
        List<String> command = new ArrayList<>(List.of("lint"));
        command.addAll(List.of(args));
        return TandemProcess.cli(command.toArray(String[]::new));
    }

    @Test
    void byDefaultRuffsOwnLinterReportsWhatRuffReportsOnItsDefaultRules() {
        Result result = lint(tree.toString());
        assertEquals(1, result.exitCode(), result::toString);
        // What `ruff check --no-cache --isolated` 0.17.6 prints (as JSON) for this tree.
        assertEquals(List.of(
                at("pkg/broken.py") + ":1:7: invalid-syntax Expected a parameter or the end of the parameter list",
                at("pkg/broken.py") + ":1:8: invalid-syntax Expected `)`, found newline",
                at("pkg/latin1.py") + ":1:1: E902 stream did not contain valid UTF-8",
                at("pkg/uses.py") + ":1:1: I001 Import block is un-sorted or un-formatted",
                at("pkg/uses.py") + ":5:1: B018 Found useless expression. Either assign it to a variable or remove it."),
                result.stdout().lines().toList(), result::toString);
    }

    @Test
    void textOutputListsFindingsAndBadFilesSkipsExclusionsAndHonoursNoqa() {
        Result result = lint("--select", "E4,E7,E9,F", tree.toString());
        assertEquals(1, result.exitCode(), result::toString);
        List<String> lines = result.stdout().lines().toList();
        assertEquals(3, lines.size(), result::toString);
        // The syntax error's position and wording are those of the backend's parser, so only its shape is fixed.
        assertTrue(lines.get(0).matches(Pattern.quote(at("pkg/broken.py")) + ":1:\\d+: invalid-syntax SyntaxError: .+"),
                result::toString);
        assertEquals(List.of(
                at("pkg/latin1.py") + ":1:1: E902 stream did not contain valid UTF-8",
                at("pkg/uses.py") + ":4:6: E702 Multiple statements on one line (semicolon)"),
                lines.subList(1, 3), result::toString);
    }

    @Test
    void jsonOutputHasRuffsFields() throws IOException {
        Result result = lint("--output-format", "json", "--select", "E7,F401", at("pkg/uses.py"), at("myenv/tool.py"));
        assertEquals(1, result.exitCode(), result::toString);
        JsonNode entries = new ObjectMapper().readTree(result.stdout());
        assertEquals(2, entries.size(), result::toString);
        JsonNode first = entries.get(0);
        assertEquals("E702", first.get("code").asText());
        assertEquals("Multiple statements on one line (semicolon)", first.get("message").asText());
        assertEquals(at("pkg/uses.py"), first.get("filename").asText());
        assertEquals(4, first.get("location").get("row").asInt());
        assertEquals(6, first.get("location").get("column").asInt());
        assertEquals(4, first.get("end_location").get("row").asInt());
        assertEquals(4, first.get("noqa_row").asInt());
        assertTrue(first.get("fix").isNull() && first.get("url").isNull() && first.get("cell").isNull(), result::toString);
        // An explicit file argument is linted even inside an excluded (virtual environment) directory.
        JsonNode second = entries.get(1);
        assertEquals("F401", second.get("code").asText());
        assertEquals(at("myenv/tool.py"), second.get("filename").asText());
        assertEquals("`os` imported but unused", second.get("message").asText());
    }

    @Test
    void pyprojectSelectionAppliesAndTheCommandLineOverridesIt() throws IOException {
        write("pyproject.toml", "[tool.ruff]\nline-length = 20\n[tool.ruff.lint]\nselect = [\"E7\", \"E501\"]\nignore = [\"E702\"]\n");
        write("pkg/long.py", "import os\nvalue = 'a long line of text'\nif value: pass\n");
        Result configured = lint(at("pkg/long.py"));
        assertEquals(1, configured.exitCode(), configured::toString);
        assertEquals(List.of(
                at("pkg/long.py") + ":2:21: E501 Line too long (29 > 20)",
                at("pkg/long.py") + ":3:9: E701 Multiple statements on one line (colon)"),
                configured.stdout().lines().toList(), configured::toString);

        Result overridden = lint("--select", "F", "--line-length", "100", at("pkg/long.py"));
        assertEquals(List.of(at("pkg/long.py") + ":1:8: F401 `os` imported but unused"),
                overridden.stdout().lines().toList(), overridden::toString);
    }

    @Test
    void cleanCodeExitsZeroWithNoOutput() {
        Result result = lint(at("pkg/stub.pyi"));
        assertEquals(0, result.exitCode(), result::toString);
        assertEquals("", result.stdout(), result::toString);
    }

    @Test
    void missingPathAndUnknownRuleAreUsageErrors() {
        Result missing = lint(at("pkg/stub.pyi"), at("no/such/dir"));
        assertEquals(2, missing.exitCode(), missing::toString);
        assertTrue(missing.stderr().contains("tandem lint: no such file or directory: " + at("no/such/dir")), missing::toString);
        assertEquals("", missing.stdout(), missing::toString);

        Result unknown = lint("--select", "E4,Q9999", tree.toString());
        assertEquals(2, unknown.exitCode(), unknown::toString);
        assertEquals("tandem lint: Unknown rule selector `Q9999` in `select` from the CLI", unknown.stderr().lines().findFirst().orElse(""),
                unknown::toString);
        Result unknownIgnored = lint("--ignore", "B9999", tree.toString());
        assertEquals(2, unknownIgnored.exitCode(), unknownIgnored::toString);
        assertTrue(unknownIgnored.stderr().startsWith("tandem lint: Unknown rule selector `B9999` in `ignore` from the CLI"),
                unknownIgnored::toString);
    }

    @Test
    void rulesBeyondTheClassicSubsetAreSelectedAndIgnoredOnTheLineAndInTheFile() throws IOException {
        Result selected = lint("--select", "b,E7", "--ignore", "E702", at("pkg/uses.py"));
        assertEquals(List.of(at("pkg/uses.py") + ":5:1: B018 Found useless expression. "
                + "Either assign it to a variable or remove it."), selected.stdout().lines().toList(), selected::toString);
        assertEquals(1, selected.exitCode(), selected::toString);

        Result ignored = lint("--ignore", "B018,I", at("pkg/uses.py"));
        assertEquals(0, ignored.exitCode(), ignored::toString);
        assertEquals("", ignored.stdout(), ignored::toString);

        write("pkg/pyproject.toml", "[tool.ruff.lint]\nselect = [\"B\", \"PLR0913\"]\n");
        Result configured = lint(at("pkg/uses.py"));
        assertEquals(List.of(at("pkg/uses.py") + ":5:1: B018 Found useless expression. "
                + "Either assign it to a variable or remove it."), configured.stdout().lines().toList(), configured::toString);

        Files.delete(tree.resolve("pkg/pyproject.toml"));
        write("pyproject.toml", "[tool.ruff.lint.per-file-ignores]\n\"pkg/u*.py\" = [\"I\"]\n"
                + "\"uses.py\" = [\"b018\"]\n\"!uses.py\" = [\"E702\"]\n");
        Result perFile = lint("--select", "I,B,E7", at("pkg/uses.py"));
        assertEquals(List.of(at("pkg/uses.py") + ":4:6: E702 Multiple statements on one line (semicolon)"),
                perFile.stdout().lines().toList(), perFile::toString);
        Files.delete(tree.resolve("pyproject.toml"));

        write("pkg/pyproject.toml", "[tool.ruff.lint]\nignore = [\"XYZ1\"]\n");
        Result unknown = lint(at("pkg/uses.py"));
        assertEquals(2, unknown.exitCode(), unknown::toString);
        assertTrue(unknown.stderr().startsWith("tandem lint: Unknown rule selector `XYZ1` in `ignore` from the [tool.ruff] "
                + "configuration in " + at("pkg")), unknown::toString);
    }

    @Test
    void unknownOptionsAreUsageErrorsAndOddFilesAreDiagnosticsNotHangsOrCrashes() throws IOException {
        for (List<String> args : List.of(List.of("--bogus", at("pkg/stub.pyi")), List.of(at("pkg/stub.pyi"), "--bogus"))) {
            Result bogus = lint(args.toArray(String[]::new));
            assertEquals(2, bogus.exitCode(), bogus::toString);
            assertTrue(bogus.stderr().contains("Unknown option: '--bogus'"), bogus::toString);
        }
        Path loop = tree.resolve("loop.py");
        Files.createSymbolicLink(loop, loop);
        write("deep.py", "x = " + String.join("+", Collections.nCopies(3_000_000, "a")) + "\n");
        Result odd = lint(loop.toString(), "/dev/zero", at("deep.py"));
        assertEquals(1, odd.exitCode(), odd::toString);
        assertEquals(List.of(loop + ":1:1: E902 Too many levels of symbolic links",
                "/dev/zero:1:1: E902 Not a regular file",
                at("deep.py") + ":1:406: invalid-syntax SyntaxError: too deeply nested "
                        + "(more than 200 levels of brackets, operators and blocks)"), odd.stdout().lines().toList(), odd::toString);
    }

    @Test
    void thePythonBackendGivesTheRustBackendsDiagnostics() {
        Result rust = lint("--backend", "rust", "--select", "ALL", tree.toString());
        Result python = lint("--route", "lint.check_files=python", "--select", "ALL", tree.toString());
        assertEquals(1, rust.exitCode(), rust::toString);
        assertEquals(1, python.exitCode(), python::toString);
        // Syntax errors by path, row and code: their column and wording come from each backend's parser.
        assertEquals(comparable(rust.stdout()), comparable(python.stdout()), () -> rust + "\n" + python);
        assertEquals(3, rust.stdout().lines().count(), rust::toString); // broken.py, latin1.py, uses.py
    }

    private static List<String> comparable(String lines) {
        return lines.lines().map(line -> line.contains(": invalid-syntax ")
                ? line.replaceFirst(":(\\d+):\\d+: invalid-syntax .*", ":$1: invalid-syntax") : line).toList();
    }

    @Test
    void aBackendNamedExplicitlyThatCannotRunIsAnErrorSayingWhy() {
        Result result = lint("--backend", "java", "--select", "F", at("pkg/uses.py"));
        assertEquals(2, result.exitCode(), result::toString);
        assertEquals("tandem lint: lint.check_files: the java backend is unavailable: the host has no java "
                + "implementation of lint.check_files\n", result.stderr(), result::toString);
        assertEquals("", result.stdout(), result::toString);

        Result ruff = lint("--backend", "java", at("pkg/uses.py"));
        assertEquals(2, ruff.exitCode(), ruff::toString);
        assertEquals("tandem lint: lint.ruff_files: the java backend is unavailable: the host has no java "
                + "implementation of lint.ruff_files\n", ruff.stderr(), ruff::toString);
    }

    @Test
    void ruffsDefaultRulesOnABackendWithoutThemIsAnErrorSayingWhichServesThem() {
        Result result = lint("--backend", "python", at("pkg/uses.py"));
        assertEquals(2, result.exitCode(), result::toString);
        assertTrue(result.stderr().startsWith("tandem lint: Ruff's default rules, and any beyond E4, E7, E9, F, W291, "
                + "W293 and E501, are served by the rust backend of lint.ruff_files only"), result::toString);
        assertTrue(result.stderr().contains("--select E4,E7,E9,F checks the classic rules"), result::toString);
        assertEquals("", result.stdout(), result::toString);

        Result beyond = lint("--backend", "python", "--select", "B018", at("pkg/uses.py"));
        assertEquals(2, beyond.exitCode(), beyond::toString);
        assertTrue(beyond.stderr().startsWith("tandem lint: Ruff's default rules, and any beyond"), beyond::toString);

        // A classic selection stays on the classic backends, which are given the classic part of the ignore list.
        Result classic = lint("--backend", "python", "--select", "E7", "--ignore", "B018,E701", at("pkg/uses.py"));
        assertEquals(List.of(at("pkg/uses.py") + ":4:6: E702 Multiple statements on one line (semicolon)"),
                classic.stdout().lines().toList(), classic::toString);
    }
}

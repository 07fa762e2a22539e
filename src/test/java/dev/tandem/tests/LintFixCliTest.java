package dev.tandem.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.tests.testing.TandemProcess;
import dev.tandem.tests.testing.TandemProcess.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `tandem lint --fix`, `--diff` and `--unsafe-fixes` as a user runs them: output, files, exit statuses as Ruff's. */
class LintFixCliTest {
    private static final String UNUSED = "import os\nimport sys\nprint(undefined)\n";
    private static final String MUTABLE = "def f(x=[]):\n    return x\n";

    @TempDir
    Path dir;

    private Result lint(String... args) {
        List<String> command = new ArrayList<>(List.of("lint"));
        command.addAll(List.of(args));
        return TandemProcess.cli(command.toArray(String[]::new));
    }

    /** stdout without the launcher's "tandem: building ..." line a fresh checkout's first run prints. */
    private static List<String> lines(String text) {
        return text.lines().filter(line -> !line.startsWith("tandem: building")).toList();
    }

    @Test
    void fixWritesTheFixesAndReportsWhatRemainsAsRuffDoes() throws IOException {
        Path unused = Files.writeString(dir.resolve("unused.py"), UNUSED);
        Path mutable = Files.writeString(dir.resolve("mutable.py"), MUTABLE);
        Result result = lint("--fix", unused.toString(), mutable.toString());
        assertEquals(1, result.exitCode(), result::toString);
        // What `ruff check --fix --output-format concise` 0.17.6 prints, in flake8's line form.
        assertEquals(List.of(
                unused + ":1:7: F821 Undefined name `undefined`",
                mutable + ":1:9: B006 Do not use mutable data structures for argument defaults",
                "Found 4 errors (2 fixed, 2 remaining).",
                "1 unsafe fix available with `--fix --unsafe-fixes`."), lines(result.stdout()), result::toString);
        assertEquals("print(undefined)\n", Files.readString(unused));
        assertEquals(MUTABLE, Files.readString(mutable));
    }

    @Test
    void unsafeFixesApplyWhenAskedAndEverythingFixedExitsZero() throws IOException {
        Path mutable = Files.writeString(dir.resolve("mutable.py"), MUTABLE);
        Result result = lint("--fix", "--unsafe-fixes", mutable.toString());
        assertEquals(0, result.exitCode(), result::toString);
        assertEquals(List.of("Found 1 error (1 fixed, 0 remaining)."), lines(result.stdout()));
        assertEquals("def f(x=None):\n    if x is None:\n        x = []\n    return x\n", Files.readString(mutable));
        Result again = lint("--fix", mutable.toString());
        assertEquals(0, again.exitCode(), again::toString);
        assertEquals(List.of("All checks passed!"), lines(again.stdout()));
    }

    @Test
    void diffPrintsRuffsDiffWritesNothingAndExitsOneWhenSomethingWouldChange() throws IOException {
        Path unused = Files.writeString(dir.resolve("unused.py"), UNUSED);
        Result result = lint("--diff", unused.toString());
        assertEquals(1, result.exitCode(), result::toString);
        assertEquals(List.of("--- " + unused, "+++ " + unused, "@@ -1,3 +1 @@", "-import os", "-import sys",
                " print(undefined)", "", "Would fix 2 errors."), lines(result.stdout()), result::toString);
        assertEquals(UNUSED, Files.readString(unused));
        Path mutable = Files.writeString(dir.resolve("mutable.py"), MUTABLE);
        Result unsafeOnly = lint("--diff", "--fix", mutable.toString());
        assertEquals(0, unsafeOnly.exitCode(), unsafeOnly::toString);
        assertEquals(List.of("No errors would be fixed (1 fix available with `--unsafe-fixes`)."), lines(unsafeOnly.stdout()));
        assertEquals(MUTABLE, Files.readString(mutable));
    }

    @Test
    void aReadOnlyFileIsNamedLeftAsItWasAndItsDiagnosticsRemain() throws IOException {
        Path locked = Files.writeString(dir.resolve("locked.py"), UNUSED);
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r--r--r--"));
        Result result = lint("--fix", locked.toString());
        assertEquals(1, result.exitCode(), result::toString);
        assertTrue(result.stderr().contains("tandem lint: " + locked + ": the file is read-only: not fixed"), result::toString);
        assertEquals(UNUSED, Files.readString(locked));
        assertEquals("Found 4 errors.", lines(result.stdout()).getLast(), result::toString);
    }

    @Test
    void jsonOutputUnderFixHoldsTheRemainingDiagnosticsOnly() throws IOException {
        Path unused = Files.writeString(dir.resolve("unused.py"), UNUSED);
        Result result = lint("--fix", "--output-format", "json", unused.toString());
        assertEquals(1, result.exitCode(), result::toString);
        assertTrue(result.stdout().contains("\"code\": \"F821\""), result::toString);
        assertTrue(!result.stdout().contains("F401") && !result.stdout().contains("Found"), result::toString);
    }
}

package dev.tandem.tests.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.KernelException;
import dev.tandem.lint.FileFixed;
import dev.tandem.lint.LintDiagnostic;
import dev.tandem.lint.LintFixed;
import dev.tandem.lint.LintRuff;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** lint.fix and tandem lint --fix's file fixing through FFM: Ruff's fix loop in its own library. */
class LintFixTest {
    @TempDir
    Path dir;

    @Test
    void aSourceStringComesBackFixedWithWhatRemains() {
        LintRuff ruff = new LintRuff();
        LintFixed fixed = LintFixed.fromJson(ruff.fix("import os\nprint(undefined)\n", "mod.py", "F", "", 88, false),
                "mod.py");
        assertEquals(new LintFixed("print(undefined)\n", 1, 0, null, List.of(
                new LintDiagnostic("F821", "Undefined name `undefined`", 1, 7, 1, 16, "mod.py"))), fixed);
        String mutable = "def f(x=[]):\n    return x\n";
        LintFixed safe = LintFixed.fromJson(ruff.fix(mutable, "m.py", "B006", "", 88, false), "m.py");
        assertEquals(List.of(mutable, 0, 1), List.of(safe.source(), safe.fixed(), safe.unsafeFixable()));
        LintFixed both = LintFixed.fromJson(ruff.fix(mutable, "m.py", "B006", "", 88, true), "m.py");
        assertEquals("def f(x=None):\n    if x is None:\n        x = []\n    return x\n", both.source());
        KernelException unknown = assertThrows(KernelException.class, () -> ruff.fix("x\n", "m.py", "NOPE1", "", 88, false));
        assertEquals("lint.fix: select: unknown rule selector 'NOPE1': Unknown rule selector: `NOPE1`", unknown.getMessage());
        KernelException surrogate = assertThrows(KernelException.class, () -> ruff.fix("x = '\uD800'\n", "m.py", "", "", 88, false));
        assertEquals("lint.fix: source is not valid UTF-8 (a lone surrogate?) at byte 5", surrogate.getMessage());
    }

    @Test
    void filesAreWrittenBackKeepingTheirPermissionsAndNothingIsLeftBeside() throws IOException {
        Path file = Files.writeString(dir.resolve("mod.py"), "import os\nimport sys\nx = 1\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        List<FileFixed> fixed = new LintRuff().fixFiles(List.of(file.toString()), "", "", 88, false, false);
        assertEquals(List.of(new FileFixed(file.toString(), 2, 0, null, null, List.of())), fixed);
        assertEquals("x = 1\n", Files.readString(file));
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        try (var listing = Files.list(dir)) {
            assertEquals(List.of(file), listing.toList());
        }
    }

    @Test
    void aReadOnlyFileIsLeftAloneWithItsDiagnosticsAndAReason() throws IOException {
        String text = "import os\n";
        Path file = Files.writeString(dir.resolve("locked.py"), text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--r--r--"));
        FileFixed fixed = new LintRuff().fixFiles(List.of(file.toString()), "", "", 88, false, false).getFirst();
        assertEquals("the file is read-only: not fixed", fixed.error());
        assertEquals(0, fixed.fixed());
        assertEquals(List.of("F401"), fixed.remaining().stream().map(LintDiagnostic::code).toList());
        assertEquals(text, Files.readString(file));
    }

    @Test
    void aDiffIsGivenAndNothingWritten() throws IOException {
        Path file = Files.writeString(dir.resolve("mod.py"), "import os\nx = 1\n");
        Path clean = Files.writeString(dir.resolve("clean.py"), "x = 1\n");
        List<FileFixed> fixed = new LintRuff().fixFiles(List.of(file.toString(), clean.toString()), "", "", 88, false, true);
        assertEquals("--- " + file + "\n+++ " + file + "\n@@ -1,2 +1 @@\n-import os\n x = 1\n\n", fixed.get(0).diff());
        assertNull(fixed.get(1).diff());
        assertEquals("import os\nx = 1\n", Files.readString(file));
    }

    @Test
    void badArgumentsAreErrors() {
        KernelException negative = assertThrows(KernelException.class,
                () -> new LintRuff().fixFiles(List.of(), "", "", -1, false, false));
        assertTrue(negative.getMessage().contains("line_length -1 is negative"), negative.getMessage());
        KernelException range = assertThrows(KernelException.class,
                () -> new LintRuff().fix("x\n", "m.py", "", "", 65_536, false));
        assertEquals("lint.fix: line_length 65536 is out of Ruff's range", range.getMessage());
    }
}

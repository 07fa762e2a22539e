package dev.tandem.tests.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.KernelException;
import dev.tandem.lint.LintDiagnostic;
import dev.tandem.lint.LintRuff;
import dev.tandem.lint.LintUsageException;
import dev.tandem.lint.RuleCodes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * lint.ruff_files through FFM: Ruff's linter in its own library, its buffers freed and its
 * errors read through that library.
 */
class LintRuffTest {
    @TempDir
    Path dir;

    @Test
    void lintsFilesInOrderOnRuffsDefaultRulesOrOnASelection() throws IOException {
        Path mutable = Files.writeString(dir.resolve("mutable.py"), "def f(x=[]):\n    return x\n");
        Path unused = Files.writeString(dir.resolve("unused.py"), "import os\n");
        List<String> paths = List.of(mutable.toString(), dir.resolve("missing.py").toString(), unused.toString());
        List<List<LintDiagnostic>> files = LintDiagnostic.fromRows(new LintRuff().ruff_files(paths, "", "", 88), paths);
        assertEquals(List.of(
                List.of(new LintDiagnostic("B006", "Do not use mutable data structures for argument defaults",
                        1, 9, 1, 11, paths.get(0))),
                List.of(new LintDiagnostic("E902", "No such file or directory", 1, 1, 1, 1, paths.get(1))),
                List.of(new LintDiagnostic("F401", "`os` imported but unused", 1, 8, 1, 10, paths.get(2)))), files);
        String selected = new LintRuff().ruff_files(List.of(mutable.toString(), unused.toString()), "F", "", 88);
        assertEquals("[[], [[\"F401\", 1, 8, 1, 10, \"`os` imported but unused\"]]]", selected);
    }

    @Test
    void selectorsBeyondTheClassicSubsetAreCheckedByRuffsLinter() {
        assertEquals(List.of("B006", "PLR0913", "UP", "E4"),
                RuleCodes.parse(List.of("b006", "PLR0913", " up", "E4"), "extend-select", "ruff.toml"));
        for (String bad : List.of("B9999", "PL-R", "UPX")) {
            LintUsageException unknown = assertThrows(LintUsageException.class,
                    () -> RuleCodes.parse("F," + bad, "ignore", "ruff.toml"));
            assertEquals("Unknown rule selector `" + bad + "` in `ignore` from ruff.toml", unknown.getMessage());
        }
        assertTrue(RuleCodes.classic(List.of("E4", "F401", "W29", "ALL")));
        assertFalse(RuleCodes.classic(List.of("E4", "B006")));
        assertFalse(RuleCodes.classic(List.of()));
        assertEquals(List.of("E7", "ALL"), RuleCodes.classicOnly(List.of("B", "E7", "PLR", "ALL")));
    }

    @Test
    void anUnknownSelectorIsTheLibrarysOwnErrorMessage() {
        KernelException error = assertThrows(KernelException.class,
                () -> new LintRuff().ruff_files(List.of(), "F,NOPE1", "", 88));
        assertTrue(error.getMessage().contains("select: unknown rule selector 'NOPE1'"), error.getMessage());
        KernelException negative = assertThrows(KernelException.class,
                () -> new LintRuff().ruff_files(List.of(), "", "", -1));
        assertTrue(negative.getMessage().contains("line_length -1 is negative"), negative.getMessage());
    }
}

package dev.tandem.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.cli.LintLine;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * tandem lint reads its everyday command lines without picocli (start-up); on every line it
 * takes, its reading must be picocli's.
 */
class LintLineTest {
    /** Options in both forms, their values, paths, and what picocli reads specially. */
    private static final List<String> TOKENS = List.of(
            "--select", "--select=E4,F", "E4,F", "--ignore", "--ignore=F401", "--line-length", "--line-length=100",
            "100", "007", "1e3", "-5", "+5", "2147483648", "--output-format", "--output-format=json", "json", "yaml",
            "--backend", "--backend=rust", "rust", "--route", "--route=lint.check_files=rust",
            "lint.check_files=python", "a.py", "dir/b c.py", "x=y", "=", "--", "-", "-h", "--help", "-V",
            "--version", "@args", "@", "", "--unknown", "--select=", "-x", "--=x", "--route=", "--fix", "--diff",
            "--unsafe-fixes", "--fix=true");

    @Test
    void everyLineReadWithoutPicocliIsReadAsPicocliReadsIt() {
        int taken = 0;
        for (List<String> line : lines()) {
            String[] args = line.toArray(String[]::new);
            Optional<LintLine> read = LintLine.read(args);
            if (read.isPresent()) {
                assertEquals(LintLine.readByPicocli(args), read.get(), line::toString);
                taken++;
            }
        }
        assertTrue(taken > 1_000, "lines read without picocli: " + taken);
    }

    @Test
    void theEverydayLinesAreReadWithoutPicocli() {
        assertEquals(Optional.of(new LintLine(null, null, null, "text", false, false, false, "rust", List.of(), List.of("a.py"))),
                LintLine.read("--backend", "rust", "a.py"));
        assertEquals(Optional.of(new LintLine("E4,F", "F401", 100, "json", true, false, true, null,
                        List.of("a=b", "c=d"), List.of("src", "tests"))),
                LintLine.read("--select=E4,F", "--fix", "--ignore", "F401", "--line-length", "100",
                        "--output-format=json", "--unsafe-fixes", "--route", "a=b", "--route=c=d", "src", "tests"));
        for (List<String> picocli : List.<List<String>>of(List.of("--help"), List.of("-V"), List.of(), List.of("--", "a.py"),
                List.of("@args"), List.of("--select", "E4"), List.of("--select", "E4", "--select", "F", "a.py"),
                List.of("--line-length", "x", "a.py"), List.of("--select", "-E4", "a.py"), List.of("a.py", "-h"),
                List.of("--fix", "--fix", "a.py"), List.of("--diff=true", "a.py"))) {
            assertEquals(Optional.empty(), LintLine.read(picocli.toArray(String[]::new)), picocli::toString);
        }
    }

    /** Every line of up to three tokens, and 20,000 longer ones. */
    private static List<List<String>> lines() {
        List<List<String>> lines = new ArrayList<>(List.of(List.of()));
        for (int length = 1; length <= 3; length++) {
            List<List<String>> longer = new ArrayList<>();
            for (List<String> line : lines) {
                if (line.size() == length - 1) {
                    for (String token : TOKENS) {
                        List<String> next = new ArrayList<>(line);
                        next.add(token);
                        longer.add(next);
                    }
                }
            }
            lines.addAll(longer);
        }
        Random random = new Random(20_25);
        for (int i = 0; i < 20_000; i++) {
            List<String> line = new ArrayList<>();
            for (int length = 4 + random.nextInt(6); line.size() < length; ) {
                line.add(TOKENS.get(random.nextInt(TOKENS.size())));
            }
            lines.add(line);
        }
        return lines;
    }
}

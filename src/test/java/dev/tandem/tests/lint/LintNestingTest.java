package dev.tandem.tests.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.Tandem;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Deeply nested input in the default (sandboxed) embedding: a syntax error from every backend
 * of lint.check and lint.check_batch, never a stack overflow that kills the host (a chain of
 * 3,000,000 '+' did, on rust).
 */
class LintNestingTest {
    private static final String TOO_DEEP =
            "SyntaxError: too deeply nested (more than 200 levels of brackets, operators and blocks)";

    static Tandem tandem;

    @BeforeAll
    static void start() {
        tandem = Tandem.builder().poolSize(1).timeout(Duration.ofSeconds(120)).build();
    }

    @AfterAll
    static void stop() {
        tandem.close();
    }

    /** The rows of lint.check on {@code backend} for the source the Python expression {@code source} makes. */
    private static List<?> check(String backend, String source) {
        return (List<?>) tandem.eval(String.join("\n",
                "import json, tandem",
                "from tandem import lint",
                "with tandem.using('" + backend + "'):",
                "    rows = lint.check_kernel(" + source + ", 't.py', '')",
                "json.loads(rows)"));
    }

    @Test
    void aThreeMillionTermChainIsASyntaxErrorOnEveryBackend() {
        String chain = "'x = ' + '+'.join(['a'] * 3_000_000)";
        for (String backend : List.of("rust", "python")) {
            assertEquals(List.of(List.of("invalid-syntax", 1L, 406L, 1L, 406L, TOO_DEEP)), check(backend, chain), backend);
        }
    }

    @Test
    void deepBracketsDictsAndBlocksAreSyntaxErrorsInABatchToo() {
        Object rows = tandem.eval(String.join("\n",
                "import json, tandem",
                "from tandem import lint",
                "sources = ['x = ' + '(' * 100_000, 'x = ' + '{1:' * 40_000 + '1' + '}' * 40_000,",
                "           ''.join(' ' * i + 'if x:\\n' for i in range(150)), 'import os\\n']",
                "with tandem.using('rust'):",
                "    rows = lint.check_batch(sources, ['a.py'] * 4, 'E4,E7,E9,F', '', 88)",
                "[[row[:3] + [row[5]] for row in file] for file in json.loads(rows)]"));
        assertEquals(List.of(
                List.of(List.of("invalid-syntax", 1L, 205L, TOO_DEEP)),
                List.of(List.of("invalid-syntax", 1L, 605L, TOO_DEEP)),
                List.of(List.of("invalid-syntax", 101L, 101L, "SyntaxError: too many levels of indentation")),
                List.of(List.of("F401", 1L, 8L, "`os` imported but unused"))), rows);
        assertTrue(check("rust", "'x = ' + '-' * 200 + '1'").isEmpty(), "200 levels are within the limit");
    }
}

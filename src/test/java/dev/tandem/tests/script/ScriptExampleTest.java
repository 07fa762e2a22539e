package dev.tandem.tests.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.tests.testing.TandemProcess;
import dev.tandem.tests.testing.TandemProcess.Result;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** examples/jsr223: a program that knows only javax.script, from the module path and the class path. */
class ScriptExampleTest {
    private static final Path EXAMPLE = Path.of("examples/jsr223/ScriptHost.java");
    private static final String NOTE = "[tandem] the javax.script engine runs Python without runtime compilation";

    @Test
    void runsWithTandemOnTheModulePathAndTheJit() {
        Result result = TandemProcess.javaSource(EXAMPLE);
        assertEquals(0, result.exitCode(), result::toString);
        assertEquals(expected(), result.stdout().lines().skip(1).toList(), result::toString);
        assertTrue(result.stdout().matches("(?s)engine: Tandem \\d+\\.\\d+\\.\\d+\\S*, python 3\\.\\d+\\.\\d+\n.*"),
                result::toString);
        assertTrue(!result.stderr().contains(NOTE), result::toString);
    }

    @Test
    void runsFromTheClassPathAndSaysOnceThatItIsInterpreted() {
        Result result = TandemProcess.javaSourceOnClassPath(EXAMPLE);
        assertEquals(0, result.exitCode(), result::toString);
        assertEquals(expected(), result.stdout().lines().skip(1).toList(), result::toString);
        assertEquals(1, result.stderr().lines().filter(line -> line.startsWith(NOTE)).count(), result::toString);
    }

    private static java.util.List<String> expected() {
        return java.util.List.of(
                "total 23.8, net 20.0, rate 0.19",
                "sample 1: 1",
                "sample 2: 4",
                "sample 3: 9",
                "HELLO! shouting hello",
                "fnv1a_32(tandem) = 841564202",
                "before apply(): null",
                "after: 42!");
    }
}

package dev.tandem.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.tests.testing.TandemProcess;
import dev.tandem.tests.testing.TandemProcess.Result;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The examples run as a user would run them. */
class ExamplesTest {
    @Test
    void theEmbeddingExampleCallsItsPythonPlugin() {
        Result result = TandemProcess.javaSource(Path.of("examples/embed/PluginHost.java"));
        assertEquals(0, result.exitCode(), result::toString);
        assertEquals("""
                invoice.py order 1 -> {net=20.0, tax=3.8, total=23.8}
                invoice.py order 2 -> {net=99.0, tax=0.0, total=99.0}
                invoice.py order 3 failed: ValueError: order 3 has no items
                """, result.stdout(), result::toString);
    }

    @Test
    void theUserDefinedKernelAgreesUnderEveryBackendAndOnCPython() throws IOException, InterruptedException {
        Path crate = TandemProcess.home().resolve("examples/kernels/native/Cargo.toml");
        Process cargo;
        try {
            cargo = new ProcessBuilder("cargo", "build", "--release", "--quiet", "--manifest-path", crate.toString())
                    .redirectErrorStream(true).start();
        } catch (IOException noCargo) {
            Assumptions.abort("cargo is not installed: " + noCargo.getMessage());
            return;
        }
        String cargoOutput = new String(cargo.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(cargo.waitFor(5, TimeUnit.MINUTES));
        assertEquals(0, cargo.exitValue(), cargoOutput);

        String text = "Quiz jazz  \u00dcn\u00efcode words, and an emoji \ud83d\ude42";
        Result result = TandemProcess.javaSource(Path.of("examples/kernels/ScoreHost.java"), text,
                "python", "java", "rust", "auto");
        assertEquals(0, result.exitCode(), result::toString);
        String expected = python("examples/kernels/score.py", text).strip();
        assertTrue(expected.matches("score=\\d+ backend=python"), expected);
        String score = expected.split(" ")[0];
        assertEquals(List.of(
                "python: " + score + " backend=python",
                "java: " + score + " backend=java",
                "rust: " + score + " backend=rust"), result.stdout().lines().limit(3).toList(), result::toString);
        assertTrue(result.stdout().lines().skip(3).findFirst().orElse("").startsWith("auto: " + score + " backend="),
                result::toString);
    }

    /** Runs a script on plain CPython with python/ on PYTHONPATH; its stdout. */
    private static String python(String script, String... arguments) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("python3", script));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).directory(TandemProcess.home().toFile());
        builder.environment().put("PYTHONPATH", TandemProcess.home().resolve("python").toString());
        Process process = builder.redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), output);
        return output;
    }

    @Test
    void thePythonPackageImportsOnPlainCPython() throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("python3", "-c",
                "import tandem; print(tandem.__version__, tandem.on_graalpy(), tandem.in_tandem())")
                .directory(TandemProcess.home().toFile());
        builder.environment().put("PYTHONPATH", TandemProcess.home().resolve("python").toString());
        Process process = builder.redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), output);
        assertTrue(output.matches("\\d+\\.\\d+\\.\\d+ False False\\n"), output);
    }
}

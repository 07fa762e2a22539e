package dev.tandem.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.tests.testing.TandemProcess;
import dev.tandem.tests.testing.TandemProcess.Result;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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
    void theUserDefinedRustKernelBuildsAndAgreesWithCPython() throws IOException, InterruptedException {
        Path tandem = TandemProcess.home().resolve("tandem");
        Result build = TandemProcess.command(TandemProcess.home(), Map.of(), Duration.ofMinutes(5),
                tandem.toString(), "kernel", "build", "examples/kernels/native");
        Assumptions.assumeFalse(build.stderr().contains("cannot run cargo"), "cargo is not installed");
        assertEquals(0, build.exitCode(), build::toString);
        Path stub = TandemProcess.home().resolve("examples/kernels/native/typings/myapp.pyi");
        assertEquals(List.of(TandemProcess.home().resolve("examples/kernels/native/target/release/libmyapp_score.so").toString(),
                "  myapp.score  i64(str)  The sum over the words of `text` of their letter values times the word's length",
                "stubs: " + stub), build.stdout().lines().toList(), build::toString);
        // The stub has the Rust function's parameter name and doc comment, in Python's types.
        String stubText = Files.readString(stub);
        assertTrue(stubText.contains("""
                def score(text: str) -> int:
                    \"""The sum over the words of `text` of their letter values times the word's length
                    (words split as Python's `str.split()` does, lowercased, length in code points).\"""
                    ...
                """), () -> "the stub:\n" + stubText);

        String text = "Quiz jazz  \u00dcn\u00efcode words, and an emoji \ud83d\ude42";
        String expected = python("examples/kernels/score.py", text).strip();
        assertTrue(expected.matches("score=\\d+ backend=python"), expected);
        Result rust = TandemProcess.command(TandemProcess.home(), Map.of(), Duration.ofMinutes(2), tandem.toString(),
                "run", "--kernels", "examples/kernels/native", "--backend", "rust", "examples/kernels/score.py", text);
        assertEquals(0, rust.exitCode(), rust::toString);
        assertEquals(expected.replace("backend=python", "backend=rust"), rust.stdout().strip(), rust::toString);
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

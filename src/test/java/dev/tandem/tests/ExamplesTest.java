package dev.tandem.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.tests.testing.TandemProcess;
import dev.tandem.tests.testing.TandemProcess.Result;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
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

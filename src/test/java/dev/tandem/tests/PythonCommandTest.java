package dev.tandem.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.tests.testing.TandemProcess;
import dev.tandem.tests.testing.TandemProcess.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `tandem -m` runs a module as `python -m` does, and sys.executable is a command that runs Tandem. */
class PythonCommandTest {
    @TempDir
    Path dir;

    @Test
    void dashMRunsTheModuleAsMainWithItsArgvAndExitStatus() throws IOException {
        Files.writeString(dir.resolve("greet.py"), """
                import sys
                print(__name__, sys.argv[1:], sys.argv[0].endswith("greet.py"))
                raise SystemExit(4)
                """);
        Result result = TandemProcess.cli("", Map.of("PYTHONPATH", dir.toString()), "-m", "greet", "a", "-c", "--x");
        assertEquals(4, result.exitCode(), result::toString);
        assertEquals("__main__ ['a', '-c', '--x'] True", result.stdout().strip(), result::toString);

        Result missing = TandemProcess.cli("-m", "no_such_module_here");
        assertEquals(1, missing.exitCode(), missing::toString);
        assertTrue(missing.stderr().strip().endsWith(": No module named no_such_module_here"), missing::toString);
    }

    @Test
    void sysExecutableRunsTandemAsPythonWithCPythonsOptions() {
        Path tandem = TandemProcess.home().resolve("tandem");
        Result result = TandemProcess.command(dir, Map.of(), Duration.ofMinutes(4), tandem.toString(), "-c", """
                import subprocess, sys
                print(sys.executable)
                child = subprocess.run([sys.executable, "-W", "error::UserWarning", "-B", "-c",
                                        "import sys; print(sys.argv[1:], sys.warnoptions, sys.dont_write_bytecode)",
                                        "x"], capture_output=True, text=True)
                print(child.returncode, child.stdout.strip(), child.stderr.strip())
                """);
        assertEquals(0, result.exitCode(), result::toString);
        String[] lines = result.stdout().strip().split("\n");
        assertEquals(TandemProcess.home().resolve("bin/tandem-python").toString(), lines[0], result::toString);
        assertEquals("0 ['x'] ['error::UserWarning'] True", lines[1].strip(), result::toString);
    }

    @Test
    void aContextThatCannotBeBuiltIsOneLineNotAStackTrace() {
        Path python = TandemProcess.home().resolve("bin/tandem-python");
        Result result = TandemProcess.command(dir, Map.of("TANDEM_JAVA_OPTS", "-Dpolyglot.python.NoSuchOption=1"),
                Duration.ofMinutes(2), python.toString(), "-c", "print('ran')");
        assertEquals(70, result.exitCode(), result::toString);
        assertEquals("", result.stdout(), result::toString);
        // The launcher's own notice when it builds first (the first ./tandem of a fresh checkout) aside.
        List<String> lines = result.stderr().lines().filter(line -> !line.startsWith("tandem: building ")).toList();
        assertEquals(List.of("tandem: cannot start Python: Could not find option with name python.NoSuchOption."),
                lines, result::toString);
    }
}

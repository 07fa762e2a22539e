package dev.tandem.tests;

import dev.tandem.cli.Main;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.tests.testing.TandemProcess;
import dev.tandem.tests.testing.TandemProcess.Result;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The `tandem` command behaves like `python` for scripts, in a real JVM with the JIT. */
class CliTest {
    @TempDir
    Path dir;

    private Path script(String name, String source) throws IOException {
        return Files.writeString(dir.resolve(name), source);
    }

    @Test
    void runsTheHelloExampleWithTheJitOn() {
        Result result = TandemProcess.cli("run", "examples/hello.py", "Ann");
        assertEquals(0, result.exitCode(), result::toString);
        assertTrue(result.stdout().startsWith("Hello, Ann, from graalpy 3.12"), result::toString);
        assertTrue(result.stdout().contains("inside Tandem: True"), result::toString);
        assertFalse(result.stderr().contains("runtime compilation is off"), result::toString);
    }

    @Test
    void scriptSeesArgvStdinEnvironmentAndFilesAsUnderCPythonAndSetsTheExitStatus() throws IOException {
        Path written = dir.resolve("written.txt");
        Path script = script("echo.py", """
                import os, sys
                print(sys.argv)
                print(sys.stdin.read().upper(), end="")
                print(os.environ["TANDEM_TEST_VALUE"])
                with open(sys.argv[1], "w") as f:
                    f.write("from python")
                sys.stdout.flush()
                sys.stdout.buffer.write(b"raw:\\xff\\xfe\\n")
                sys.exit(3)
                """);
        Result result = TandemProcess.cli("line one\nline two\n", Map.of("TANDEM_TEST_VALUE", "from-env"),
                "run", script.toString(), written.toString(), "--flag");
        assertEquals(3, result.exitCode(), result::toString);
        assertTrue(result.stdout().startsWith("['" + script + "', '" + written + "', '--flag']\n"
                + "LINE ONE\nLINE TWO\nfrom-env\n"), result::toString);
        byte[] tail = Arrays.copyOfRange(result.stdoutBytes(), result.stdoutBytes().length - 7, result.stdoutBytes().length);
        assertArrayEquals(new byte[] {'r', 'a', 'w', ':', (byte) 0xff, (byte) 0xfe, '\n'}, tail);
        assertEquals("from python", Files.readString(written));
    }

    @Test
    void uncaughtExceptionPrintsThePythonTracebackAndExitsOne() throws IOException {
        Path script = script("fails.py", """
                def inner():
                    raise ValueError("bad value")

                inner()
                """);
        Result result = TandemProcess.cli("run", script.toString());
        assertEquals(1, result.exitCode(), result::toString);
        assertTrue(result.stderr().contains("Traceback (most recent call last):"), result::toString);
        assertTrue(result.stderr().contains("File \"" + script + "\", line 4, in <module>"), result::toString);
        assertTrue(result.stderr().contains("File \"" + script + "\", line 2, in inner"), result::toString);
        assertTrue(result.stderr().strip().endsWith("ValueError: bad value"), result::toString);
        assertFalse(result.stderr().contains("_host"), "Tandem's own frames are hidden: " + result);
    }

    @Test
    void syntaxErrorAndSystemExitMessageAreReportedLikeCPython() throws IOException {
        Path broken = script("broken.py", "x = 1\ndef f(:\n    pass\n");
        Result syntax = TandemProcess.cli("run", broken.toString());
        assertEquals(1, syntax.exitCode(), syntax::toString);
        assertTrue(syntax.stderr().contains("File \"" + broken + "\", line 2"), syntax::toString);
        assertTrue(syntax.stderr().contains("SyntaxError"), syntax::toString);

        Result exit = TandemProcess.cli("-c", "import sys; sys.exit('giving up')");
        assertEquals(1, exit.exitCode(), exit::toString);
        assertEquals("giving up", exit.stderr().strip(), exit::toString);
    }

    @Test
    void missingScriptIsReportedWithExitStatusTwo() {
        Result result = TandemProcess.cli("run", "no/such/script.py");
        assertEquals(2, result.exitCode(), result::toString);
        assertTrue(result.stderr().contains("can't open file"), result::toString);
        assertTrue(result.stderr().contains("No such file or directory"), result::toString);
    }

    @Test
    void dashCRunsCodeWithTheRestAsArguments() {
        Result result = TandemProcess.cli("-c", "import sys, tandem; print(sys.argv, tandem.in_tandem())", "a", "--x");
        assertEquals(0, result.exitCode(), result::toString);
        assertEquals("['-c', 'a', '--x'] True", result.stdout().strip());
    }

    @Test
    void doctorPrintsOneFactPerLineWithRuntimeCompilationOn() {
        Result result = TandemProcess.cli("doctor");
        assertEquals(0, result.exitCode(), result::toString);
        for (String line : result.stdout().strip().split("\n")) {
            assertTrue(line.matches("[a-z-]+: .+"), "not a key: value line: " + line);
        }
        assertTrue(result.stdout().contains("\njava: 25"), result::toString);
        assertTrue(result.stdout().contains("\ngraalpy: 25.0.3 (Python 3.12.8)"), result::toString);
        assertTrue(result.stdout().contains("\nruntime-compilation: on\n"), result::toString);
    }

    @Test
    void everyCommandHasHelpAndVersion() {
        for (String command : new String[] {"run", "doctor"}) {
            StringWriter help = new StringWriter();
            int status = Main.commandLine().setOut(new PrintWriter(help)).execute(command, "--help");
            assertEquals(0, status);
            assertTrue(help.toString().startsWith("Usage: tandem " + command), help::toString);
        }
        StringWriter version = new StringWriter();
        assertEquals(0, Main.commandLine().setOut(new PrintWriter(version)).execute("--version"));
        assertTrue(version.toString().matches("(?s)tandem \\S+ \\(GraalPy 25\\.0\\.3, Python 3\\.12\\.8, Java 25.*"),
                version::toString);
    }
}

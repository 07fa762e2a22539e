package dev.tandem.tests;

import dev.tandem.cli.Main;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.tests.testing.TandemProcess;
import dev.tandem.tests.testing.TandemProcess.Result;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The `tandem` command behaves like `python` for scripts, in a real JVM with the JIT; in a
 * JVM of its own here, through the resident process in {@link ResidentCliTest}.
 */
class CliTest {
    @TempDir
    Path dir;

    /** How the tests start tandem. */
    TandemProcess.Launch launch() {
        return TandemProcess.Launch.IN_PROCESS;
    }

    private Path script(String name, String source) throws IOException {
        return Files.writeString(dir.resolve(name), source);
    }

    @Test
    void runsTheHelloExampleWithTheJitOn() {
        Result result = TandemProcess.cli(launch(), "run", "examples/hello.py", "Ann");
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
        Result result = TandemProcess.cli(launch(), "line one\nline two\n", Map.of("TANDEM_TEST_VALUE", "from-env"),
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
        Result result = TandemProcess.cli(launch(), "run", script.toString());
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
        Result syntax = TandemProcess.cli(launch(), "run", broken.toString());
        assertEquals(1, syntax.exitCode(), syntax::toString);
        assertTrue(syntax.stderr().contains("File \"" + broken + "\", line 2"), syntax::toString);
        assertTrue(syntax.stderr().contains("SyntaxError"), syntax::toString);

        Result exit = TandemProcess.cli(launch(), "-c", "import sys; sys.exit('giving up')");
        assertEquals(1, exit.exitCode(), exit::toString);
        assertEquals("giving up", exit.stderr().strip(), exit::toString);
    }

    @Test
    void missingScriptIsReportedWithExitStatusTwo() {
        Result result = TandemProcess.cli(launch(), "run", "no/such/script.py");
        assertEquals(2, result.exitCode(), result::toString);
        assertTrue(result.stderr().contains("can't open file"), result::toString);
        assertTrue(result.stderr().contains("No such file or directory"), result::toString);
    }

    @Test
    void dashCRunsCodeWithTheRestAsArguments() {
        Result result = TandemProcess.cli(launch(), "-c", "import sys, tandem; print(sys.argv, tandem.in_tandem())", "a", "--x");
        assertEquals(0, result.exitCode(), result::toString);
        assertEquals("['-c', 'a', '--x'] True", result.stdout().strip());
    }

    @Test
    void doctorPrintsOneFactPerLineWithRuntimeCompilationOn() {
        Result result = TandemProcess.cli(launch(), "doctor");
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

    @Test
    void unknownOptionsAndBackendsAreOneLineUsageErrors() throws IOException {
        Path script = script("ok.py", "print('ran')\n");
        Result bogus = TandemProcess.cli(launch(), "run", "--bogus", script.toString());
        assertEquals(2, bogus.exitCode(), bogus::toString);
        assertEquals("tandem run: unknown option --bogus (options go before SCRIPT; see tandem run --help)",
                bogus.stderr().strip(), bogus::toString);
        Result fortran = TandemProcess.cli(launch(), "run", "--backend", "fortran", script.toString());
        assertEquals(2, fortran.exitCode(), fortran::toString);
        assertEquals("tandem run: --backend/--route: unknown backend 'fortran' for the default backend;"
                + " choose one of python, java, rust, auto", fortran.stderr().strip(), fortran::toString);
        Result route = TandemProcess.cli(launch(), "--route", "nokernel=rust", "-c", "pass");
        assertEquals(2, route.exitCode(), route::toString);
        assertEquals("tandem: --backend/--route: kernel name 'nokernel' is not AREA.OPERATION (e.g. myapp.score)",
                route.stderr().strip(), route::toString);
        Result environment = TandemProcess.cli(launch(), "", Map.of("TANDEM_BACKEND", "fortran"), "run", script.toString());
        assertEquals(2, environment.exitCode(), environment::toString);
        assertTrue(environment.stderr().startsWith("tandem run: TANDEM_BACKEND/TANDEM_ROUTE: unknown backend 'fortran'"),
                environment::toString);
        assertFalse(environment.stderr().contains("\tat "), "no Java stack trace: " + environment);
    }

    @Test
    void scriptsRunFromStandardInputAndExitLikeCPython() {
        Result dash = TandemProcess.cli(launch(), "import sys\nprint(sys.argv, __name__)\n", Map.of(), "run", "-", "a");
        assertEquals(0, dash.exitCode(), dash::toString);
        assertEquals("['-', 'a'] __main__", dash.stdout().strip(), dash::toString);
        Result device = TandemProcess.cli(launch(), "import sys\nprint(sys.argv)\nsys.exit(2**70)\n", Map.of(), "run", "/dev/stdin");
        assertEquals(255, device.exitCode(), "CPython's status for an exit code beyond a C long: " + device);
        assertEquals("['/dev/stdin']", device.stdout().strip(), device::toString);
        Result interrupted = TandemProcess.cli(launch(), "-c", "raise KeyboardInterrupt");
        assertEquals(130, interrupted.exitCode(), interrupted::toString);
        assertTrue(interrupted.stderr().strip().endsWith("KeyboardInterrupt"), interrupted::toString);
    }

    @Test
    void sigintRaisesKeyboardInterruptSoFinallyBlocksRun() throws Exception {
        Path script = script("waits.py", """
                import time
                try:
                    print("ready", flush=True)
                    time.sleep(120)
                finally:
                    print("finally ran", flush=True)
                """);
        Process process = TandemProcess.start(launch(), "run", script.toString());
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        assertEquals("ready", out.readLine());
        TandemProcess.signal(process, "INT");
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "SIGINT ended the script");
        assertEquals("finally ran", out.readLine());
        assertEquals(130, process.exitValue());
    }

    @Test
    void closedStandardStreamsAreNoneInTheScript() throws IOException, InterruptedException {
        Result closed = TandemProcess.cli(launch(), "", Map.of("TANDEM_CLOSED_STREAMS", "0,1"), "-c",
                "import sys\nprint(sys.stdin, sys.stdout, sys.__stdin__, file=sys.stderr)\nprint('to no stdout')");
        assertEquals(0, closed.exitCode(), closed::toString);
        assertEquals("None None None", closed.stderr().strip(), closed::toString);
        // The launcher's part: a closed descriptor is detected, reopened on /dev/null and named.
        Process launcher = new ProcessBuilder("bash", "-c",
                "set -eu; . scripts/streams.sh; (tandem_reopen_closed_streams; echo \"[$TANDEM_CLOSED_STREAMS]\" >&2) <&- >&-")
                .directory(TandemProcess.home().toFile()).start();
        assertTrue(launcher.waitFor(30, TimeUnit.SECONDS));
        assertEquals("[0,1]", new String(launcher.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip());
    }

    @Test
    void theLauncherFindsItsJdkWithoutHome() throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", "set -euo pipefail; . scripts/jdk.sh; echo \"$JAVA_HOME\"")
                .directory(TandemProcess.home().toFile());
        builder.environment().remove("HOME");
        Process launcher = builder.start();
        assertTrue(launcher.waitFor(30, TimeUnit.SECONDS));
        String err = new String(launcher.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, launcher.exitValue(), err);
        assertTrue(Files.isExecutable(Path.of(new String(launcher.getInputStream().readAllBytes(),
                StandardCharsets.UTF_8).strip(), "bin", "java")), err);
    }
}

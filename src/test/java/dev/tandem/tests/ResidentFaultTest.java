package dev.tandem.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.tests.testing.ResidentProcesses;
import dev.tandem.tests.testing.TandemProcess;
import dev.tandem.tests.testing.TandemProcess.Launch;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The resident process under faults: a crashed or replaced server, a lost socket file, two
 * clients starting it at once, a client killed mid-run, input closed early, output that is not
 * UTF-8 and a reader that does not keep up. Each test that needs a server of its own gets a
 * socket directory of its own (stopped when the test JVM exits).
 */
class ResidentFaultTest {
    private static final Pattern PID = Pattern.compile("running: pid (\\d+)");

    @TempDir
    Path dir;
    /** The socket directory of a test that needs a resident process of its own; stopped after it. */
    private Path own;

    @AfterEach
    void stopOwnResidentProcess() {
        if (own != null) {
            ResidentProcesses.stopAll(own);
        }
    }

    private Path ownDirectory() {
        own = ResidentProcesses.newDirectory();
        return own;
    }

    @BeforeAll
    static void clientIsBuilt() {
        Assumptions.assumeTrue(ResidentProcesses.clientBuilt(), "tandem-client was not built (no cargo)");
    }

    private static ProcessBuilder client(Path sockets, String... args) {
        ProcessBuilder builder = new ProcessBuilder(TandemProcess.command(Launch.RESIDENT, args))
                .directory(TandemProcess.home().toFile());
        builder.environment().putAll(ResidentProcesses.environment(sockets));
        return builder;
    }

    /** Runs the client to its end with no input; returns its exit status, stdout and stderr. */
    private static TandemProcess.Result run(Path sockets, String... args) throws Exception {
        Process process = client(sockets, args).start();
        process.getOutputStream().close();
        CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
        assertTrue(process.waitFor(3, TimeUnit.MINUTES), "the client ended: " + List.of(args));
        byte[] stdout = out.join();
        return new TandemProcess.Result(process.exitValue(), new String(stdout, StandardCharsets.UTF_8),
                new String(err.join(), StandardCharsets.UTF_8), stdout);
    }

    private static byte[] readAll(InputStream stream) {
        try (stream) {
            return stream.readAllBytes();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static long serverPid(Path sockets) throws Exception {
        TandemProcess.Result status = run(sockets, "daemon", "status");
        Matcher pid = PID.matcher(status.stdout());
        assertTrue(pid.find(), status::toString);
        return Long.parseLong(pid.group(1));
    }

    private static Path socket(Path sockets) throws IOException {
        try (Stream<Path> files = Files.list(sockets)) {
            List<Path> found = files.filter(file -> file.toString().endsWith(".sock")).toList();
            assertEquals(1, found.size(), "one socket: " + found);
            return found.getFirst();
        }
    }

    private static void awaitExit(long pid) throws InterruptedException {
        for (int i = 0; i < 300 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false); i++) {
            Thread.sleep(100);
        }
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "process " + pid + " exited");
    }

    @Test
    void runAfterRunImportsTheStandardLibrarysNativeModules() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(ResidentProcesses.patchelf()), "the build could not install patchelf");
        Path sockets = ResidentProcesses.directory();
        // sqlite3, pyexpat (xml) and termios are C extensions: GraalPy loads each into one context
        // per process unless every context has its own copy.
        String script = """
                import sqlite3, termios, xml.etree.ElementTree as tree
                print(sqlite3.connect(":memory:").execute("select 6 * 7").fetchone()[0], tree.fromstring("<a b='c'/>").get("b"))
                """;
        for (int run = 0; run < 3; run++) {
            TandemProcess.Result result = run(sockets, "-c", script);
            assertEquals(0, result.exitCode(), result::toString);
            assertEquals("42 c", result.stdout().strip(), result::toString);
        }
    }

    @Test
    void aServerKilledMidRunIsReportedAndTheNextRunStartsANewOne() throws Exception {
        Path sockets = ownDirectory();
        Path script = Files.writeString(dir.resolve("waits.py"), "import time\nprint('ready', flush=True)\ntime.sleep(120)\n");
        Process running = client(sockets, "run", script.toString()).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(running.getInputStream(), StandardCharsets.UTF_8));
        assertEquals("ready", out.readLine());
        long pid = serverPid(sockets);
        ProcessHandle.of(pid).orElseThrow().destroyForcibly();
        assertTrue(running.waitFor(60, TimeUnit.SECONDS), "the client noticed");
        assertEquals(70, running.exitValue());
        String err = new String(running.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(err.contains("lost the resident Tandem process during the run"), err);

        TandemProcess.Result next = run(sockets, "-c", "print('again')");
        assertEquals(0, next.exitCode(), next::toString);
        assertEquals("again", next.stdout().strip());
        assertNotEquals(pid, serverPid(sockets));
    }

    @Test
    void aDeletedOrReplacedSocketFileGetsANewServerAndTheOldOneExits() throws Exception {
        Path sockets = ownDirectory();
        assertEquals(0, run(sockets, "-c", "pass").exitCode());
        long first = serverPid(sockets);
        Files.delete(socket(sockets));
        awaitExit(first); // unreachable now: it notices and exits
        TandemProcess.Result afterDelete = run(sockets, "-c", "print('after delete')");
        assertEquals("after delete", afterDelete.stdout().strip(), afterDelete::toString);

        long second = serverPid(sockets);
        Path socket = socket(sockets);
        Files.delete(socket);
        Files.writeString(socket, "not a socket");
        awaitExit(second);
        TandemProcess.Result afterReplace = run(sockets, "-c", "print('after replace')");
        assertEquals("after replace", afterReplace.stdout().strip(), afterReplace::toString);
    }

    @Test
    void twoClientsRacingToStartTheServerShareOne() throws Exception {
        Path sockets = ownDirectory();
        CompletableFuture<TandemProcess.Result> one = CompletableFuture.supplyAsync(() -> runUnchecked(sockets, "1"));
        CompletableFuture<TandemProcess.Result> two = CompletableFuture.supplyAsync(() -> runUnchecked(sockets, "2"));
        assertEquals("1", one.join().stdout().strip(), one.join()::toString);
        assertEquals("2", two.join().stdout().strip(), two.join()::toString);
        socket(sockets);
        TandemProcess.Result status = run(sockets, "daemon", "status");
        assertTrue(status.stdout().contains("runs: 2 (0 running)"), status::toString);
    }

    private static TandemProcess.Result runUnchecked(Path sockets, String word) {
        try {
            return run(sockets, "-c", "import sys; print(sys.argv[1])", word);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aClientKilledMidRunCancelsItsScript() throws Exception {
        Path sockets = ResidentProcesses.directory();
        Path beats = dir.resolve("beats");
        Process running = client(sockets, "-c", """
                import sys, time
                with open(sys.argv[1], 'a') as f:
                    f.write('.')
                print('ready', flush=True)  # after the first beat: the file exists when the client dies
                while True:
                    with open(sys.argv[1], 'a') as f:
                        f.write('.')
                    time.sleep(0.05)
                """, beats.toString()).start();
        assertEquals("ready", new BufferedReader(new InputStreamReader(running.getInputStream(), StandardCharsets.UTF_8))
                .readLine());
        running.destroyForcibly();
        running.waitFor();
        Thread.sleep(2000);
        long after = Files.size(beats);
        Thread.sleep(2000);
        assertEquals(after, Files.size(beats), "the script stopped with its client");
        TandemProcess.Result status = run(sockets, "daemon", "status");
        assertTrue(status.stdout().contains("(0 running)"), status::toString);
    }

    @Test
    void inputClosedEarlyReadsAsItsEndAndOutputStaysBytes() throws Exception {
        Path sockets = ResidentProcesses.directory();
        TandemProcess.Result result = run(sockets, "-c", """
                import sys
                data = sys.stdin.buffer.read()
                sys.stdout.buffer.write(b'got %d\\n\\xff\\xfe\\x00\\x80' % len(data))
                sys.stdout.flush()
                sys.stderr.buffer.write(b'\\xc3\\x28')
                """);
        assertEquals(0, result.exitCode(), result::toString);
        assertArrayEquals(new byte[] {'g', 'o', 't', ' ', '0', '\n', (byte) 0xff, (byte) 0xfe, 0, (byte) 0x80},
                result.stdoutBytes(), result::toString);
        assertTrue(result.stderr().endsWith("\uFFFD("), result::toString);
    }

    @Test
    void aSlowReaderHoldsTheScriptBackAndLosesNothing() throws Exception {
        Path sockets = ResidentProcesses.directory();
        Path progress = dir.resolve("progress");
        int megabytes = 64;
        Process running = client(sockets, "-c", """
                import os, sys
                block = b'x' * (1 << 20)
                for i in range(int(sys.argv[2])):
                    sys.stdout.buffer.write(block)
                    with open(sys.argv[1] + '.new', 'w') as f:
                        f.write(str(i + 1))
                    os.replace(sys.argv[1] + '.new', sys.argv[1])
                """, progress.toString(), Integer.toString(megabytes)).start();
        running.getOutputStream().close();
        InputStream out = running.getInputStream();
        byte[] first = out.readNBytes(1 << 20);
        assertEquals(1 << 20, first.length);
        for (int i = 0; i < 600 && !Files.exists(progress); i++) { // the script is past its first MB
            Thread.sleep(100);
        }
        Thread.sleep(3000); // nobody reads: the script must wait instead of its output piling up
        int written = Integer.parseInt(Files.readString(progress).strip());
        assertTrue(written < 16, "the script ran " + written + " MB ahead of a reader that took 1 MB");
        long total = first.length + out.transferTo(java.io.OutputStream.nullOutputStream());
        assertTrue(running.waitFor(2, TimeUnit.MINUTES));
        assertEquals(0, running.exitValue());
        assertEquals((long) megabytes << 20, total);
    }
}

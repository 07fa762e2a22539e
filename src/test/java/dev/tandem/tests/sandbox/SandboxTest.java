package dev.tandem.tests.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.PythonException;
import dev.tandem.Session;
import dev.tandem.Tandem;
import dev.tandem.TandemException;
import dev.tandem.route.Calibrations;
import dev.tandem.tests.testing.TandemProcess;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a script in the default sandbox cannot do to its host, and what it gets instead. */
class SandboxTest {
    static Tandem tandem;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        tandem = Tandem.builder().poolSize(1).timeout(Duration.ofSeconds(30)).build();
    }

    @AfterAll
    static void stop() {
        tandem.close();
    }

    @Test
    void aSandboxedScriptCannotRecordCalibrationsForOthers() {
        PythonException refused = assertThrows(PythonException.class, () -> tandem.eval("""
                from tandem import _gateway
                _gateway.gateway.storeCalibration('text.codepoints', 'java=oops')"""));
        assertEquals("AttributeError", refused.pythonType());
        assertTrue(Calibrations.shared().get("text.codepoints").map(t -> !t.contains("oops")).orElse(true));
        // The gateway a script replaced is back for the next call, and auto still routes.
        tandem.eval("from tandem import _gateway\n_gateway.gateway = None");
        assertEquals(List.of(true, 97L), tandem.eval("""
                import tandem
                from tandem import text
                with tandem.using('auto'):
                    result = [tandem.in_tandem(), text.codepoints('a')[0]]
                result"""));
    }

    @Test
    void autoInTheSandboxUsesStoredFiguresAndNeverMeasuresOrWrites() throws IOException {
        Path file = dir.resolve("calibration.properties");
        Files.writeString(file, """
                text.fnv1a_32=python=10.0,java=5000.0,rust=6000.0
                text.codepoints=java=oops
                text.utf8_length=java=NaN,python=1
                not a kernel=java=1
                """);
        ByteArrayOutputStream notes = new ByteArrayOutputStream();
        PrintStream err = System.err;
        Tandem measured;
        System.setErr(new PrintStream(notes, true, StandardCharsets.UTF_8));
        try {
            measured = Tandem.builder().poolSize(1).calibrationFile(file).build();
        } finally {
            System.setErr(err);
        }
        try (measured) {
            String said = notes.toString(StandardCharsets.UTF_8);
            assertTrue(said.contains("ignoring the calibration entry 'text.codepoints=java=oops'"), said);
            assertTrue(said.contains("ignoring the calibration entry 'text.utf8_length=java=NaN,python=1'"), said);
            assertEquals(List.of("python", "java", 97L), measured.eval("""
                    import tandem
                    from tandem import text
                    with tandem.using('auto'):
                        text.fnv1a_32('abc')
                        value = text.codepoints('a')[0]
                        chosen = [text.fnv1a_32.backend, text.codepoints.backend, value]
                    chosen"""));
            long before = Files.getLastModifiedTime(file).toMillis();
            assertEquals(before, Files.getLastModifiedTime(file).toMillis(), "the sandbox never writes the file");
        }
        Path absent = dir.resolve("none.properties");
        try (Tandem unmeasured = Tandem.builder().poolSize(1).calibrationFile(absent).build()) {
            assertEquals("java", unmeasured.eval("""
                    import tandem
                    from tandem import text
                    with tandem.using('auto'):
                        text.fnv1a_32('abc')
                        chosen = text.fnv1a_32.backend
                    chosen"""), "without figures the sandbox takes a fixed order instead of measuring");
        }
        assertFalse(Files.exists(absent));
    }

    @Test
    void deniedOperationsAreCatchablePythonExceptions() {
        assertEquals(List.of("PermissionError", "PermissionError", "PermissionError", "PermissionError",
                        "PermissionError", "PermissionError", "RuntimeError", "PermissionError", "PermissionError",
                        "PermissionError"),
                tandem.eval("""
                        import os, signal, socket, threading
                        caught = []
                        for attempt in (lambda: os.remove('/tmp/tandem-sandbox-test'), lambda: os.system('true'),
                                        lambda: os._exit(3), lambda: os.kill(os.getpid(), signal.SIGTERM),
                                        lambda: socket.socket(), lambda: socket.gethostbyname('localhost'),
                                        lambda: threading.Thread(target=print).start(), lambda: os.getcwd(),
                                        lambda: signal.signal(signal.SIGTERM, lambda *a: None),
                                        lambda: signal.raise_signal(signal.SIGTERM)):
                            try:
                                attempt()
                                caught.append('nothing')
                            except Exception as error:
                                caught.append(type(error).__name__)
                        caught"""));
    }

    @Test
    void selfReferentialAndDeeplyNestedResultsFailClearly() {
        for (String code : List.of("l = []\nl.append(l)\nl", "d = {}\nd['d'] = d\nd",
                "x = []\nfor _ in range(100_000):\n    x = [x]\nx")) {
            TandemException error = assertThrows(TandemException.class, () -> tandem.eval(code));
            assertTrue(error.getMessage().contains("nest more than 500 levels deep (or one contains itself)"),
                    error.getMessage());
        }
        assertEquals(3L, tandem.eval("1 + 2"), "the context serves the next call");
    }

    @Test
    void aCallLeavesNoStateForTheNextCallerOfItsContext() {
        tandem.eval("""
                import sys, warnings, os, tandem.text, json
                sys.setrecursionlimit(60)
                sys.set_int_max_str_digits(640)
                warnings.simplefilter('error')
                tandem.text.fnv1a_32 = lambda s: 0
                os.environ['TANDEM_LEAK'] = '1'
                sys.modules['json'] = None
                sys.meta_path.insert(0, object())
                """);
        assertEquals(List.of(1000L, 4300L, false, 0x4d2505caL, false, true, false), tandem.eval("""
                import sys, warnings, os, json
                from tandem import text
                [sys.getrecursionlimit(), sys.get_int_max_str_digits(),
                 any(f[0] == 'error' for f in warnings.filters), text.fnv1a_32('ab'),
                 'TANDEM_LEAK' in os.environ, hasattr(json, 'dumps'), type(sys.meta_path[0]) is object]"""));
    }

    @Test
    void everyWayOfChangingAWatchedNameIsUndone() {
        // The reset compares names by identity: an object that claims equality hides nothing.
        tandem.eval("""
                import builtins, os, sys, json
                class Equal:
                    def __eq__(self, other):
                        return True
                    __hash__ = object.__hash__
                setattr(os, 'getpid', Equal())
                vars(builtins)['len'] = Equal()
                vars(sys)['tandem_added'] = 1
                del os.sep
                os._fscodec = 'a name deleted while os was first imported'
                builtins.abs = Equal()
                del builtins.abs
                sys.modules['json'] = Equal()
                del sys.modules['os']
                """);
        assertEquals(List.of(true, 3L, false, "/", false, -2L, true, true), tandem.eval("""
                import builtins, os, sys, json
                [callable(os.getpid), len('abc'), hasattr(sys, 'tandem_added'), os.sep, hasattr(os, '_fscodec'),
                 abs(2) - 4, hasattr(json, 'dumps'), sys.modules['os'] is os]"""));
        // sys.modules alone, its keys unchanged: only the identity comparison sees the swap.
        tandem.eval("""
                import sys
                class Equal:
                    def __eq__(self, other):
                        return True
                    __hash__ = object.__hash__
                sys.modules['json'] = Equal()
                """);
        assertEquals(true, tandem.eval("import json\nhasattr(json, 'dumps')"));
    }

    @Test
    void aPoolOfOneServesTheNextCallerRightAfterASessionCloses() {
        try (Tandem single = Tandem.builder().poolSize(1).acquireTimeout(Duration.ofMillis(300)).build()) {
            try (Session session = single.openSession()) {
                session.eval("x = 1");
            }
            assertEquals(2L, single.eval("1 + 1"), "waits for the replacement context instead of failing");
        }
    }

    @Test
    void aScriptCannotMakeTheHostIgnoreSigterm() throws Exception {
        Path program = Files.writeString(dir.resolve("SignalHost.java"), """
                import dev.tandem.Tandem;
                public class SignalHost {
                    public static void main(String[] args) throws Exception {
                        try (Tandem tandem = Tandem.builder().poolSize(1).build()) {
                            System.out.println(tandem.eval(\"""
                                    import signal
                                    try:
                                        signal.signal(signal.SIGTERM, lambda *a: None)
                                        signal.signal(signal.SIGINT, lambda *a: None)
                                        outcome = 'installed'
                                    except PermissionError:
                                        outcome = 'refused'
                                    outcome\"""));
                            System.out.flush();
                            Thread.sleep(120_000);
                        }
                    }
                }
                """);
        Process host = TandemProcess.startJavaSource(program);
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(host.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("refused", out.readLine());
            TandemProcess.signal(host, "TERM");
            assertTrue(host.waitFor(30, TimeUnit.SECONDS), "the host JVM still ends on SIGTERM");
            assertEquals(143, host.exitValue());
        } finally {
            host.destroyForcibly();
        }
    }
}
